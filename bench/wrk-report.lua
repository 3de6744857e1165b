-- For bench/reads.ts. From the environment: WRK_METHOD and WRK_BODY (a JSON body), and
-- WRK_SESSIONS (session secrets, comma-separated: each request sends the next one as its
-- session cookie, so concurrent requests are of different sessions). At the end one line
-- of JSON with the counts and the latency percentiles (microseconds).
local method = os.getenv("WRK_METHOD")
local body = os.getenv("WRK_BODY")
local sessions = {}
for secret in string.gmatch(os.getenv("WRK_SESSIONS") or "", "[^,]+") do sessions[#sessions + 1] = secret end
local counter = 0

request = function()
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  if body then headers["Content-Type"] = "application/json" end
  if #sessions > 0 then
    counter = counter + 1
    headers["Cookie"] = "__Host-koers-sessie=" .. sessions[(counter % #sessions) + 1]
  end
  return wrk.format(method, nil, headers, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests":%d,"durationUs":%d,"socketErrors":%d,"statusErrors":%d,"timeouts":%d,"bytes":%d,"p50":%.0f,"p95":%.0f,"p99":%.0f,"max":%.0f}\n',
    summary.requests, summary.duration, errors.connect + errors.read + errors.write, errors.status, errors.timeout, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
