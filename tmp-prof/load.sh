#!/bin/bash
cd /work/main
rm -rf /tmp/lsrv; mkdir -p /tmp/lsrv
DATA_DIR=/tmp/lsrv/db PORT=3999 node $NODE_FLAGS --import tsx bench/reads-server.ts > /tmp/lsrv/out 2>/tmp/lsrv/err &
pid=$!
for i in $(seq 1 120); do grep -q '"ready"' /tmp/lsrv/out && break; sleep 0.5; done
planId=$(python3 -c 'import json; l=[x for x in open("/tmp/lsrv/out") if "\"ready\"" in x][0]; print(json.loads(l)["planId"])')
sessions=$(python3 -c 'import json; l=[x for x in open("/tmp/lsrv/out") if "\"ready\"" in x][0]; print(",".join(json.loads(l)["sessions"]))')
for p in "$@"; do
  if [[ "$p" == anon:* ]]; then q="${p#anon:}"; S=""; else q="$p"; S=$sessions; fi
  themeId=$(python3 -c 'import json; l=[x for x in open("/tmp/lsrv/out") if "\"ready\"" in x][0]; print(json.loads(l)["themeId"])')
  q="${q//\{theme\}/$themeId}"
  url="http://127.0.0.1:3999${q//\{id\}/$planId}"
  WRK_SESSIONS=$S wrk -t1 -c50 -d3s -s bench/wrk-report.lua "$url" > /dev/null 2>&1
  echo "$p"; WRK_SESSIONS=$S wrk -t1 -c50 -d${SECS:-8}s -s bench/wrk-report.lua "$url" | grep -E "Requests/sec|WRK-JSON"
done
kill -TERM $(pgrep -f "bench/reads-server.ts" | head -5) 2>/dev/null; sleep 3
