-- wrk script for the dashboard scenario: GET /api/v1/kpis/dashboard over three years (DASH_FROM..DASH_TO, months),
-- each request with one of the five groupings in turn (none, month, customer, productLine, model).
--   TOKEN  bearer token of a staff role with KPI rights (QUALITY_ENGINEER)
-- Prints one line in the format of scenario.lua.
local token = os.getenv("TOKEN")
local base = "/api/v1/kpis/dashboard?from=" .. os.getenv("DASH_FROM") .. "&to=" .. os.getenv("DASH_TO")
local groupings = {"", "&groupBy=month", "&groupBy=customer", "&groupBy=productLine", "&groupBy=model"}
local n = 0

function request()
  n = n + 1
  return wrk.format("GET", base .. groupings[1 + n % #groupings],
    {["Authorization"] = "Bearer " .. token, ["Accept-Language"] = "zh-CN"})
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("scenario=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    "dashboard", summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status + e.connect + e.read + e.write + e.timeout))
end
