// The generated-client smoke (issue 24): what a front end does first, through a client generated from docs/openapi.json
// (openapi-typescript types + openapi-fetch) and compiled with tsc --strict. A call the document describes wrongly
// fails to compile (wrong path, body or field) or fails here at run time (wrong status or shape).
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type Problem = components["schemas"]["Problem"];

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`smoke failed: ${what}`);
  }
  console.log(`ok   ${what}`);
}

const api = createClient<paths>({
  baseUrl: env("SMOKE_BASE_URL"),
  headers: { Authorization: `Bearer ${env("SMOKE_TOKEN")}`, "Accept-Language": "zh-CN" },
});
const unique = Date.now().toString(36).toUpperCase();

const customer = await api.POST("/api/v1/customers", {
  body: { code: `TS-${unique}`, name: "宇通客车（前端冒烟）", type: "OEM" },
});
check(customer.response.status === 201 && customer.data?.id !== undefined, "create a customer: 201 with its id");
const customerId = customer.data!.id!;

const serialNo = `TS${unique}`;
const unit = await api.POST("/api/v1/units", {
  body: { serialNo, productModel: "TM220", productLine: "COMMERCIAL_VEHICLE", customerId, deliveryDate: "2025-01-10" },
});
check(unit.response.status === 201 && unit.data?.serialNo === serialNo, "register a unit: 201 with its serial number");

const entitlement = await api.GET("/api/v1/units/{serialNo}/entitlement", {
  params: { path: { serialNo }, query: { date: new Date().toISOString().slice(0, 10), mileageKm: 1200 } },
});
check(entitlement.response.status === 200 && entitlement.data?.regime === "CHARGEABLE",
  "entitlement: 200, chargeable without warranty terms");

const opened = await api.POST("/api/v1/cases", {
  params: { header: { "Idempotency-Key": `ts-smoke-${unique}` } },
  body: {
    type: "COMPLAINT", customerId, units: [{ serialNo, mileageKm: 1200 }],
    failureDate: new Date().toISOString().slice(0, 10), title: "电机异响", description: "爬坡时驱动电机异响，控制器过温报警。",
    reporter: { name: "李师傅", phone: "138 0000 1234" }, channel: "PHONE", severity: "HIGH",
  },
});
check(opened.response.status === 201 && opened.data?.caseNo !== undefined
  && opened.response.headers.get("Location") !== null && opened.response.headers.get("ETag") !== null,
  `open a case: 201 with its case number, Location and ETag ${opened.error ? JSON.stringify(opened.error) : ""}`);

// A bad request: the typed error is the RFC 9457 problem, with the invalid field named in the caller's language.
const bad = await api.POST("/api/v1/customers", {
  body: { code: "", name: "", type: "OEM" },
});
const problem: Problem | undefined = bad.error;
check(bad.response.status === 422 && bad.response.headers.get("Content-Type")?.startsWith("application/problem+json") === true,
  "a bad request: 422 problem+json");
check(problem !== undefined && problem.status === 422 && (problem.errors ?? []).some((e) => e.field === "code"),
  `the problem names the field: ${JSON.stringify(problem?.errors?.[0])}`);
console.log("typescript-smoke: 6 passed, 0 failed");
