-- wrk script for scripts/bench-presses: each thread is one button console (its token from the arguments),
-- every request delivers PRESSES new presses with increasing sequence numbers. Counts the answers.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local id = wrk.thread:get("id")
  token = args[id + 2]
  per = tonumber(args[1])
  seq = 0
  created = 0
  other = 0
end

function request()
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local presses = {}
  for _ = 1, per do
    seq = seq + 1
    presses[#presses + 1] = string.format('{"seq":%d,"at":"%s","button":"%s"}', seq, now, (seq % 5 == 0) and "negative" or "positive")
  end
  local body = string.format('{"sent_at":"%s","presses":[%s]}', now, table.concat(presses, ","))
  return wrk.format("POST", "/device/v1/presses", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local acked, failed = 0, 0
  for _, thread in ipairs(threads) do
    acked = acked + thread:get("created")
    failed = failed + thread:get("other")
  end
  io.write(string.format("ACKED_REQUESTS %d FAILED %d P50 %.1f P99 %.1f\n", acked, failed, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
