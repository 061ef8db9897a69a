-- wrk script for the aftersales benchmark: one scenario per run, chosen by the environment.
--   SCENARIO   entitlement | unit-history | case-list | create-case | kpi | mixed | minimal (bench/minimal: GET /units/{serial})
--   TOKEN      bearer token (a staff role allowed to do all of the above: AFTER_SALES_MANAGER)
--   CUSTOMERS  file with the BENCH customers' ids in code order (unit BNn belongs to line 1 + n % customers)
--   UNITS      units generated (serials BN000000001 …), KPI_FROM / KPI_TO the KPI period
-- Prints one line: scenario, requests, rps, p50/p99 latency in ms and errors (non-2xx answers and socket errors).
local scenario = os.getenv("SCENARIO")
local token = os.getenv("TOKEN")
local units = tonumber(os.getenv("UNITS") or "1000000")
local kpi_path = "/api/v1/kpis?kpi=ppm&groupBy=month&from=" .. (os.getenv("KPI_FROM") or "") .. "&to=" .. (os.getenv("KPI_TO") or "")
local customers = {}
for line in io.lines(os.getenv("CUSTOMERS")) do customers[#customers + 1] = line end

local statuses = {"NEW", "ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED"}
local types = {"COMPLAINT", "CLAIM", "REPAIR", "RETURN_EXCHANGE", "GRIEVANCE"}
local titles = {"电机异响", "控制器报警", "冷却液泄漏", "绝缘故障", "编码器信号丢失", "过温保护"}
local threads, next_id = {}, 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() * 100 + id)
end

local function headers(extra)
  local h = {["Authorization"] = "Bearer " .. token, ["Accept-Language"] = "zh-CN"}
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

local function serial(n) return string.format("BN%09d", n) end

local function key()
  return string.format("%08x-%04x-4%03x-8%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0x7fffffff) * 4096 + math.random(0, 4095))
end

local make = {}
make["minimal"] = function()
  return wrk.format("GET", "/units/" .. serial(math.random(1, units)), {["Accept-Language"] = "zh-CN"})
end

make["entitlement"] = function()
  return wrk.format("GET", "/api/v1/units/" .. serial(math.random(1, units)) .. "/entitlement", headers())
end
make["unit-history"] = function()
  return wrk.format("GET", "/api/v1/units/" .. serial(math.random(1, units)) .. "/history?limit=20", headers())
end
make["case-list"] = function()
  return wrk.format("GET", "/api/v1/cases?status=" .. statuses[math.random(#statuses)] .. "&customerId="
    .. customers[math.random(#customers)] .. "&limit=20", headers())
end
make["kpi"] = function()
  return wrk.format("GET", kpi_path, headers())
end
make["create-case"] = function()
  local n = math.random(1, units)
  local t = titles[math.random(#titles)]
  local body = string.format('{"type":"%s","customerId":"%s","units":[{"serialNo":"%s","mileageKm":%d}],'
    .. '"failureDate":"%s","title":"%s","description":"客户反馈%s，车辆编号 %d，请尽快安排技术人员联系",'
    .. '"reporter":{"name":"王工","phone":"138 0000 %04d"},"channel":"PHONE","severity":"%s"}',
    types[math.random(#types)], customers[n % #customers + 1], serial(n), math.random(0, 199999),
    os.date("!%Y-%m-%d", os.time() - 86400 * math.random(1, 30)), t, t, n, math.random(0, 9999),
    math.random(10) == 1 and "HIGH" or "MEDIUM")
  return wrk.format("POST", "/api/v1/cases",
    headers({["Content-Type"] = "application/json", ["Idempotency-Key"] = key()}), body)
end
-- A working day: mostly reads, one write in five.
make["mixed"] = function()
  local dice = math.random(100)
  if dice <= 35 then return make["entitlement"]()
  elseif dice <= 60 then return make["unit-history"]()
  elseif dice <= 80 then return make["case-list"]()
  elseif dice <= 99 then return make["create-case"]()
  end
  return make["kpi"]()
end

request = make[scenario]

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("scenario=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    scenario, summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status + e.connect + e.read + e.write + e.timeout))
end
