package com.aftersales.shared;

import com.aftersales.cases.CaseTestData;
import com.aftersales.eightd.EightDTest;
import com.aftersales.eightd.EightDTestData;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.spareparts.SparePartTest;
import com.aftersales.support.Api;
import com.aftersales.support.Sql;
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
    record Call(String role, String path, String type, String body) {
        Response send(String key) {
            var request = as(role).header("Idempotency-Key", key);
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
                "{\"code\":\"" + Api.unique("idc") + "\",\"name\":\"并发客户\",\"type\":\"FLEET\"}"));
        s.put("/api/v1/units", () -> {
            String customer = Api.newCustomer(Api.unique("idu"));
            return json("SALES", "/api/v1/units", """
                    {"serialNo":"%s","productModel":"TM220","productLine":"COMMERCIAL_VEHICLE","customerId":"%s",
                     "productionDate":"2025-01-02","deliveryDate":"2025-01-10"}""".formatted(Api.unique("IDU"), customer));
        });
        s.put("/api/v1/units/import", () -> {
            String code = Api.unique("idi");
            Api.newCustomer(code);
            String prefix = Api.unique("IMP");
            return new Call("SALES", "/api/v1/units/import", "text/csv", "钢印号,产品型号,产品线,生产日期,批次,客户代码,终端客户,交付日期\n"
                    + prefix + "-1,TM220,商用车,2024-01-02,B1," + code + ",,2024-01-15\n"
                    + prefix + "-2,EM35,MICRO_CAR,2024-02-01,,"  + code + ",,2024-03-01\n");
        });
        s.put("/api/v1/customers/{customerId}/warranty-terms", () -> json("SALES",
                "/api/v1/customers/" + Api.newCustomer(Api.unique("idw")) + "/warranty-terms",
                "{\"productLine\":\"COMMERCIAL_VEHICLE\",\"months\":24,\"effectiveFrom\":\"2020-01-01\"}"));
        s.put("/api/v1/units/{serialNo}/service-contracts", () -> {
            String serial = CaseTestData.world("COMMERCIAL_VEHICLE").serial();
            return json("SALES", "/api/v1/units/" + serial + "/service-contracts",
                    "{\"contractNo\":\"BX-" + serial + "\",\"startDate\":\"2027-01-10\",\"endDate\":\"2028-01-09\",\"feeCny\":\"800\","
                            + "\"coverage\":\"整机\"}");
        });
        s.put("/api/v1/cases", () -> json("SALES", "/api/v1/cases", CaseTestData.caseJson(CaseTestData.world("COMMERCIAL_VEHICLE"), 1000)));
        s.put("/api/v1/cases/{id}/notes", () -> json("QUALITY_ENGINEER", "/api/v1/cases/" + aCase() + "/notes",
                "{\"text\":\"已安排工程师上门\",\"visibility\":\"CUSTOMER\"}"));
        s.put("/api/v1/cases/{caseId}/attachments", () -> json("SALES", "/api/v1/cases/" + aCase() + "/attachments",
                "{\"fileName\":\"故障件.jpg\",\"contentType\":\"image/jpeg\",\"sizeBytes\":10}"));
        s.put("/api/v1/cases/{caseId}/visits", () -> json("REPAIR", "/api/v1/cases/" + aCase() + "/visits", """
                {"purpose":"ON_SITE_REPAIR","plannedDate":"2025-06-05","site":"停车场","technicians":["周工"],"travelRequired":true}"""));
        s.put("/api/v1/cases/{caseId}/costs", () -> json("REPAIR", "/api/v1/cases/" + aCase() + "/costs",
                "{\"category\":\"PARTS\",\"amountCny\":\"1200.50\",\"description\":\"上门维修费用\",\"incurredOn\":\"2025-06-03\"}"));
        s.put("/api/v1/cases/{caseId}/quotes", () -> {
            String chargeable = as("SALES").body(CaseTestData.caseJson(CaseTestData.world("PASSENGER_CAR"), 150_000))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id");
            return json("SALES", "/api/v1/cases/" + chargeable + "/quotes",
                    "{\"parts\":[{\"partId\":\"" + part() + "\",\"quantity\":2}],\"labourHours\":\"1.5\",\"labourRateCny\":\"120\"}");
        });
        s.put("/api/v1/eight-d-reports", () -> json("QUALITY_ENGINEER", "/api/v1/eight-d-reports", """
                {"title":"TM220 电机轴承早期失效","caseIds":["%s"],"champion":"质量部 刘工","team":[{"name":"刘工","department":"质量"}]}"""
                .formatted(aCase())));
        s.put("/api/v1/problems", () -> json("ENGINEER", "/api/v1/problems", """
                {"failureMode":"编码器信号丢失","productModels":["%s"],"rootCause":"线束插接件退针","countermeasure":"插接件增加二次锁止",
                 "detectionMethod":"拉拔力测试","severity":"MEDIUM"}""".formatted(Api.unique("EM"))));
        s.put("/api/v1/problems/from-report/{reportId}", () -> new Call("QUALITY_ENGINEER", "/api/v1/problems/from-report/"
                + EightDTestData.closedReport(CaseTestData.world("COMMERCIAL_VEHICLE"), "MC80 控制器受潮短路"), null, null));
        s.put("/api/v1/recalls", () -> json("QUALITY_ENGINEER", "/api/v1/recalls", """
                {"code":"%s","title":"控制器电容失效召回","defectDescription":"电容耐压不足","safetyRisk":"可能失去动力","remedy":"更换电容板",
                 "criteria":{"batches":["%s"]}}""".formatted(Api.unique("RC"), Api.unique("B"))));
        s.put("/api/v1/returns", () -> {
            CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
            return json("AFTER_SALES_MANAGER", "/api/v1/returns", "{\"caseId\":\"%s\",\"serialNos\":[\"%s\"],\"reason\":\"退回检测\"}"
                    .formatted(CaseTestData.openCase(w), w.serial()));
        });
        s.put("/api/v1/spare-parts", () -> json("PRODUCT_MANAGER", "/api/v1/spare-parts", """
                {"partNo":"%s","name":"电机轴承 6205","productModels":["TM220"],"unitOfMeasure":"个","marketPrice":"85.50","wearPart":false}"""
                .formatted(Api.unique("P"))));
        s.put("/api/v1/spare-parts/{id}/movements", () -> json("WAREHOUSE", "/api/v1/spare-parts/" + part() + "/movements",
                "{\"kind\":\"RECEIPT\",\"location\":\"HQ\",\"quantity\":5}"));
        s.put("/api/v1/spare-plans", () -> json("PRODUCT_MANAGER", "/api/v1/spare-plans",
                "{\"location\":\"" + Api.unique("LOC") + "\",\"monthsBasis\":6,\"periodMonths\":3}"));
        s.put("/api/v1/transfer-orders", () -> json("REPAIR", "/api/v1/transfer-orders",
                "{\"fromLocation\":\"HQ\",\"toLocation\":\"ZZ-STATION\",\"lines\":[{\"partId\":\"" + part() + "\",\"quantity\":4}]}"));
        s.put("/api/v1/admin/webhooks", () -> json("ADMIN", "/api/v1/admin/webhooks",
                "{\"name\":\"" + Api.unique("质量群") + "\",\"url\":\"https://hooks.example.cn/a\",\"format\":\"WECOM\",\"roles\":[\"SALES\"]}"));
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
                start.countDown();
                List<Response> answers = new ArrayList<>();
                for (Future<Response> f : calls) {
                    answers.add(f.get());
                }
                long effect = rows() - before;
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
