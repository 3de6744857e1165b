-- For bench/reads.ts. From the environment: WRK_SESSIONS (session secrets, comma-separated:
-- each request sends the next one as its session cookie, so concurrent requests are of
-- different sessions), and for saving WRK_FORMS and WRK_CSRF (see below). At the end one
-- line of JSON with the counts and the latency percentiles (microseconds).
--
-- Saving (WRK_FORMS, a file from bench/reads-server.ts): its first line is the plan's version,
-- every next line an edit form's address and its fields, a tab between. Each request posts
-- the next form as a browser does, with the session's CSRF token (WRK_CSRF, in the order of
-- WRK_SESSIONS), a new cadence, and the version the user's page would carry: the version
-- before plus one for every save answered so far (303).
local sessions = {}
for secret in string.gmatch(os.getenv("WRK_SESSIONS") or "", "[^,]+") do sessions[#sessions + 1] = secret end
local csrf = {}
for token in string.gmatch(os.getenv("WRK_CSRF") or "", "[^,]+") do csrf[#csrf + 1] = token end
local forms = {}
local version = nil
local formsFile = os.getenv("WRK_FORMS")
if formsFile then
  for line in io.lines(formsFile) do
    if not version then
      version = tonumber(line)
    else
      local path, fields = line:match("^([^\t]+)\t(.*)$")
      forms[#forms + 1] = { path = path, fields = fields }
    end
  end
end
local counter = 0

request = function()
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  counter = counter + 1
  local index = (counter % math.max(#sessions, 1)) + 1
  if #sessions > 0 then headers["Cookie"] = "__Host-koers-sessie=" .. sessions[index] end
  if #forms == 0 then return wrk.format("GET", nil, headers, nil) end
  local form = forms[(counter % #forms) + 1]
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = form.fields .. "&frequentie=meting+" .. counter .. "&_csrf=" .. csrf[index] .. "&versie=" .. version
  return wrk.format("POST", form.path, headers, body)
end

if #forms > 0 then
  response = function(status, headers, body)
    if status == 303 then version = version + 1 end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests":%d,"durationUs":%d,"socketErrors":%d,"statusErrors":%d,"timeouts":%d,"bytes":%d,"p50":%.0f,"p95":%.0f,"p99":%.0f,"max":%.0f}\n',
    summary.requests, summary.duration, errors.connect + errors.read + errors.write, errors.status, errors.timeout, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
