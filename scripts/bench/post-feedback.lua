-- wrk script: every request posts one new feedback with a unique id.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local counter = 0
local run = tostring(os.time())
function request()
  counter = counter + 1
  local body = string.format(
    '{"id":"bench-%s-%d-%d","channel":"terminal","location":"L%02d","staff":"S%03d","service":"SV01","nps":%d,"csat":%d}',
    run, tid, counter, counter % 11 + 1, counter % 72 + 1, counter % 11, counter % 5 + 1)
  return wrk.format("POST", "/api/v1/feedback", {["Authorization"] = "Bearer " .. os.getenv("OTKLIK_KEY"), ["Content-Type"] = "application/json"}, body)
end
