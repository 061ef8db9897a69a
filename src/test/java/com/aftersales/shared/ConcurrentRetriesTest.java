package com.aftersales.shared;

import com.aftersales.support.ServerRequests;
import org.junit.jupiter.api.Tag;
import com.aftersales.cases.CaseTestData;
import com.aftersales.eightd.EightDTest;
import com.aftersales.eightd.EightDTestData;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.spareparts.SparePartTest;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.CustomerBodies;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.NotifyBodies;
import com.aftersales.support.ProblemBodies;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.SparePartBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint that takes an Idempotency-Key, hit by 20 clients at once with the same key and body (a mobile client
 * retrying on a flaky network): all 20 get the same status and the same body, and the database changes exactly as much
 * as after one request of the same shape with its own key.
 */
@QuarkusTest
class ConcurrentRetriesTest {

    private static final int CLIENTS = 20;

    /** One request: the role that sends it, its path, content type and body. */
    record Call(String role, String path, String type, String body, java.util.UUID station) {
        Call(String role, String path, String type, String body) {
            this(role, path, type, body, null);
        }

        Response send(String key) {
            var request = (station == null ? as(role) : Api.asStation(station)).header("Idempotency-Key", key);
            if (body != null) {
                request.contentType(type).body(body.getBytes(StandardCharsets.UTF_8));
            }
            return request.post(path);
        }
    }

    private static Call json(String role, String path, String body) {
        return new Call(role, path, "application/json", body);
    }

    /** For each idempotent endpoint, fresh requests of the same shape (each call may set up its own case, unit, …). */
    private static Map<String, Supplier<Call>> scenarios() {
        Map<String, Supplier<Call>> s = new LinkedHashMap<>();
        s.put("/api/v1/customers", () -> json("SALES", "/api/v1/customers",
                CustomerBodies.customer(Api.unique("idc")).name("并发客户").type("FLEET").json()));
        s.put("/api/v1/units", () -> {
            String customer = Api.newCustomer(Api.unique("idu"));
            return json("SALES", "/api/v1/units", UnitBodies.unit(customer).productionDate(LocalDate.of(2025, 1, 2))
                    .deliveryDate(LocalDate.of(2025, 1, 10)).json());
        });
        s.put("/api/v1/units/import", () -> {
            String code = Api.unique("idi");
            Api.newCustomer(code);
            String prefix = Api.unique("IMP");
            return new Call("SALES", "/api/v1/units/import", "text/csv", "钢印号,产品型号,产品线,生产日期,批次,客户代码,终端客户,交付日期\n"
                    + prefix + "-1,TM220,商用车,2024-01-02,B1," + code + ",,2024-01-15\n"
                    + prefix + "-2,EM35,MICRO_CAR,2024-02-01,,"  + code + ",,2024-03-01\n");
        });
        s.put("/api/v1/ledger/import", () -> {
            // One historical claim of a new customer's unit, in the ledger template as CSV.
            String code = Api.unique("idl");
            String customer = Api.newCustomer(code);
            String serial = com.aftersales.support.Fixtures.unit(customer, "COMMERCIAL_VEHICLE", LocalDate.of(2020, 6, 1));
            return new Call("QUALITY_ENGINEER", "/api/v1/ledger/import", "application/octet-stream",
                    "单号,类型,严重度,客户代码,钢印号,问题描述,故障日期,受理时间,首次响应时间,结案时间,费用(元),退货单号,判定,8D报告编号\n" + Api.unique("KS-R")
                            + ",索赔,高," + code + "," + serial + ",电机异响,2021-03-01,2021-03-02,,2021-03-20,,,,\n");
        });
        s.put("/api/v1/customers/{customerId}/warranty-terms", () -> json("SALES",
                "/api/v1/customers/" + Api.newCustomer(Api.unique("idw")) + "/warranty-terms",
                WarrantyBodies.term("COMMERCIAL_VEHICLE").json()));
        s.put("/api/v1/units/{serialNo}/service-contracts", () -> {
            String serial = CaseTestData.world("COMMERCIAL_VEHICLE").serial();
            return json("SALES", "/api/v1/units/" + serial + "/service-contracts",
                    WarrantyBodies.contract("BX-" + serial, LocalDate.of(2027, 1, 10), LocalDate.of(2028, 1, 9), "800").json());
        });
        s.put("/api/v1/cases", () -> json("SALES", "/api/v1/cases", CaseTestData.caseJson(CaseTestData.world("COMMERCIAL_VEHICLE"), 1000)));
        s.put("/api/v1/cases/{id}/notes", () -> json("QUALITY_ENGINEER", "/api/v1/cases/" + aCase() + "/notes",
                CaseBodies.note("已安排工程师上门", "CUSTOMER")));
        s.put("/api/v1/cases/{caseId}/attachments", () -> json("SALES", "/api/v1/cases/" + aCase() + "/attachments",
                CaseBodies.attachment("故障件.jpg", "image/jpeg", 10)));
        s.put("/api/v1/cases/{caseId}/visits", () -> json("REPAIR", "/api/v1/cases/" + aCase() + "/visits",
                CaseBodies.visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "停车场").technician("周工").travelRequired(true).json()));
        s.put("/api/v1/cases/{caseId}/costs", () -> json("REPAIR", "/api/v1/cases/" + aCase() + "/costs",
                CaseBodies.cost("PARTS", "1200.50").json()));
        s.put("/api/v1/cases/{caseId}/quotes", () -> {
            String chargeable = as("SALES").body(CaseTestData.caseJson(CaseTestData.world("PASSENGER_CAR"), 150_000))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            return json("SALES", "/api/v1/cases/" + chargeable + "/quotes",
                    SparePartBodies.quote("1.5", "120").part(part(), 2).json());
        });
        s.put("/api/v1/eight-d-reports", () -> json("QUALITY_ENGINEER", "/api/v1/eight-d-reports",
                EightDBodies.report(aCase()).member("刘工", null, "质量").json()));
        s.put("/api/v1/problems", () -> json("ENGINEER", "/api/v1/problems",
                ProblemBodies.problem("编码器信号丢失", "线束插接件退针", "插接件增加二次锁止", "MEDIUM").productModel(Api.unique("EM"))
                        .detectionMethod("拉拔力测试").json()));
        s.put("/api/v1/problems/from-report/{reportId}", () -> new Call("QUALITY_ENGINEER", "/api/v1/problems/from-report/"
                + EightDTestData.closedReport(CaseTestData.world("COMMERCIAL_VEHICLE"), "MC80 控制器受潮短路"), null, null));
        s.put("/api/v1/recalls", () -> json("QUALITY_ENGINEER", "/api/v1/recalls",
                RecallBodies.campaign(RecallBodies.criteria().batch(Api.unique("B")))
                        .describedAs("控制器电容失效召回", "电容耐压不足", "可能失去动力", "更换电容板").json()));
        s.put("/api/v1/returns", () -> {
            CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
            return json("AFTER_SALES_MANAGER", "/api/v1/returns", ReturnBodies.authorise(CaseTestData.openCase(w), "退回检测", w.serial()));
        });
        s.put("/api/v1/spare-parts", () -> json("PRODUCT_MANAGER", "/api/v1/spare-parts",
                SparePartBodies.part("电机轴承 6205", "85.50").productModel("TM220").wearPart(false).json()));
        s.put("/api/v1/spare-parts/{id}/movements", () -> json("WAREHOUSE", "/api/v1/spare-parts/" + part() + "/movements",
                SparePartBodies.movement("RECEIPT", "HQ", 5).json()));
        s.put("/api/v1/spare-plans", () -> json("PRODUCT_MANAGER", "/api/v1/spare-plans",
                SparePartBodies.plan(Api.unique("LOC"), 6, 3)));
        s.put("/api/v1/transfer-orders", () -> json("REPAIR", "/api/v1/transfer-orders",
                SparePartBodies.transfer("HQ", "ZZ-STATION").line(part(), 4).json()));
        s.put("/api/v1/suppliers", () -> json("QUALITY_ENGINEER", "/api/v1/suppliers",
                com.aftersales.support.JsonBody.of("code", Api.unique("SUP"), "name", "并发供应商")));
        s.put("/api/v1/supplier-recoveries", () -> json("QUALITY_ENGINEER", "/api/v1/supplier-recoveries",
                com.aftersales.returns.ReturnTestData.raisableDebitNote()));
        s.put("/api/v1/cases/{caseId}/invoices", () -> json("FINANCE", "/api/v1/cases/" + CaseTestData.chargeableCaseWithAcceptedQuote()
                + "/invoices", com.aftersales.support.JsonBody.of("invoiceNo", Api.unique("INV"),
                "invoicedOn", com.aftersales.support.TestClock.today())));
        s.put("/api/v1/station/visits/{visitId}/attachments", () -> {
            java.util.UUID station = CaseTestData.station();
            return new Call(null, "/api/v1/station/visits/" + CaseTestData.stationVisit(aCase(), station) + "/attachments",
                    "application/json", CaseBodies.attachment("维修单.pdf", "application/pdf", 12), station);
        });
        s.put("/api/v1/station/visits/{visitId}/fees", () -> {
            java.util.UUID station = CaseTestData.station();
            return new Call(null, "/api/v1/station/visits/" + CaseTestData.stationVisit(aCase(), station) + "/fees",
                    "application/json", CaseBodies.stationFee("SERVICE_STATION_FEE", "90.00",
                            com.aftersales.support.TestClock.today()).labourHours("1").json(), station);
        });
        s.put("/api/v1/admin/webhooks", () -> json("ADMIN", "/api/v1/admin/webhooks",
                NotifyBodies.webhook(Api.unique("质量群"), "https://127.0.0.1/a?key=x", "WECOM").role("SALES").json()));
        return s;
    }

    private static String aCase() {
        return CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
    }

    private static String part() {
        return SparePartTest.part("TM220", false);
    }

    @Test
    void everyIdempotentEndpointHasAScenario() {
        Set<String> idempotent = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.aftersales")) {
            for (JavaMethod m : c.getMethods()) {
                if (m.isAnnotatedWith(Idempotent.class) && m.isAnnotatedWith(POST.class)) {
                    String base = c.isAnnotatedWith(Path.class) ? c.getAnnotationOfType(Path.class).value() : "";
                    String sub = m.isAnnotatedWith(Path.class) ? m.getAnnotationOfType(Path.class).value() : "";
                    idempotent.add((base + "/" + sub).replaceAll("/+", "/").replaceAll("/$", ""));
                }
            }
        }
        assertThat(scenarios().keySet()).containsExactlyInAnyOrderElementsOf(idempotent);
    }

    @Test
    @Tag("concurrency")
    void twentySimultaneousRetriesHaveTheEffectOfOneRequest() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<String> wrong = new ArrayList<>();
        try {
            for (Map.Entry<String, Supplier<Call>> scenario : scenarios().entrySet()) {
                Call single = scenario.getValue().get();
                Call repeated = scenario.getValue().get();
                long before = rows();
                Response one = single.send(UUID.randomUUID().toString());
                long oneEffect = rows() - before;
                if (one.statusCode() >= 300) {
                    wrong.add(scenario.getKey() + ": the single request failed with " + one.statusCode() + " " + one.asString());
                    continue;
                }
                String key = UUID.randomUUID().toString();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> calls = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return repeated.send(key);
                    }));
                }
                before = rows();
                long mark = ServerRequests.mark();
                start.countDown();
                List<Response> answers = new ArrayList<>();
                for (Future<Response> f : calls) {
                    answers.add(f.get());
                }
                long effect = rows() - before;
                ServerRequests.proveOverlap("20 retries of " + scenario.getKey(), mark, repeated.path().replaceAll("\\?.*", ""));
                Set<String> distinct = new TreeSet<>();
                answers.forEach(r -> distinct.add(r.statusCode() + " " + r.asString()));
                if (distinct.size() != 1 || answers.get(0).statusCode() != one.statusCode()) {
                    wrong.add(scenario.getKey() + ": " + distinct.size() + " different answers, e.g. " + distinct.stream().limit(2).toList());
                }
                if (effect != oneEffect) {
                    wrong.add(scenario.getKey() + ": " + effect + " rows from 20 retries, " + oneEffect + " from one request");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[measure] concurrent retries: %d endpoints x %d clients, %d wrong%n", scenarios().size(), CLIENTS, wrong.size());
        assertThat(wrong).isEmpty();
    }

    /** All rows of all tables: one request's effect is how much this grows. */
    private static long rows() {
        return Sql.fingerprint().values().stream().mapToLong(Sql.TableState::rows).sum();
    }
}
