-- wrk script: the single-POST mix of post-feedback.lua at a fixed offered rate (RATE requests a second in all,
-- environment): each of wrk's threads keeps a schedule of RATE / THREADS sends a second and each request waits for its
-- slot (wrk's delay()), so the rate does not fall as latency grows, as long as a connection is free for every slot
-- (bench-server gives 64). A thread that falls behind its schedule by more than 50 ms starts it again from now instead
-- of sending a burst. bench-server sets RATE to 80 % of the peak it measured and reports the rate reached.
dofile("scripts/bench/post-feedback.lua")
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } otklik_timespec;
int clock_gettime(int clk_id, otklik_timespec *tp);
]]
local clock = ffi.new("otklik_timespec")
local function now()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

local interval = tonumber(os.getenv("THREADS") or "2") / tonumber(os.getenv("RATE") or "1000")
local slot = nil
function delay()
  local t = now()
  if slot == nil or slot < t - 0.05 then
    slot = t
  else
    slot = slot + interval
  end
  return math.max(0, math.floor((slot - t) * 1000 + 0.5))
end
