package com.aftersales.returns;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.ReturnBodies.disposition;
import static com.aftersales.support.ReturnBodies.judgement;
import static com.aftersales.support.ReturnBodies.restock;
import static com.aftersales.support.ReturnBodies.verdict;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ReturnTest {

    static int v(Response r) {
        return Integer.parseInt(r.header("ETag").replace("\"", ""));
    }

    static String authorise(CaseTestData.World w, String caseId) {
        return as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "电机异响，退回检测", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).body("status", equalTo("AUTHORISED")).extract().path("id");
    }

    static ReturnBodies.Test test(String serial, boolean reproduced) {
        return ReturnBodies.test(serial, "台架噪声测试", reproduced).conditions("3000 rpm, 25°C").measured("72 dB(A)");
    }

    @Test
    void aDefectiveUnitIsRepairedByTheRepairGroupRetestedAndRestocked() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String caseId = CaseTestData.openCase(w);
        String id = authorise(w, caseId);
        String base = "/api/v1/returns/" + id;
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(test(w.serial(), true).json()).post(base + "/tests").then().statusCode(409);
        as("SALES").header("If-Match", "\"0\"").post(base + "/receipt").then().statusCode(403);
        int v = v(as("WAREHOUSE").header("If-Match", "\"0\"").post(base + "/receipt").then().statusCode(200)
                .body("status", equalTo("RECEIVED")).extract().response());
        as("WAREHOUSE").header("If-Match", "\"" + v + "\"").post(base + "/receipt").then().statusCode(409);
        // Another area's note is kept as a message key and its arguments: each reader reads it in their language
        // (docs/architecture.md, "Languages"), never two languages in one text.
        String returnNo = as("WAREHOUSE").get(base).then().extract().path("returnNo");
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/events").then()
                .body("items.text", hasItem("退货 " + returnNo + " 已由仓库接收"))
                .body("items.text", org.hamcrest.Matchers.not(hasItem(containsString("received by the warehouse"))));
        as("AFTER_SALES_MANAGER").header("Accept-Language", "en").get("/api/v1/cases/" + caseId + "/events").then()
                .body("items.text", hasItem("Return " + returnNo + " was received by the warehouse"))
                .body("items.text", org.hamcrest.Matchers.not(hasItem(containsString("已由仓库接收"))));
        String judge = verdict().unit(judgement(w.serial(), "DEFECT_CONFIRMED").causeCategory("PURCHASED_PART").supplier(com.aftersales.support.Fixtures.supplier("某轴承厂"), 0.6))
                .json();
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(judge).post(base + "/verdict").then().statusCode(409);
        v = v(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(test(w.serial(), true).json()).post(base + "/tests")
                .then().statusCode(200).body("status", equalTo("TESTING")).extract().response());
        as("WAREHOUSE").header("If-Match", "\"" + v + "\"").body(judge).post(base + "/verdict").then().statusCode(403);
        as("ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(verdict().unit(judgement(w.serial(), "DEFECT_CONFIRMED").causeCategory("PURCHASED_PART")).json())
                .post(base + "/verdict").then().statusCode(422).body("errors[0].field", equalTo("units[0].supplierCode"));
        v = v(as("ENGINEER").header("If-Match", "\"" + v + "\"").body(judge).post(base + "/verdict").then().statusCode(200)
                .body("status", equalTo("JUDGED")).body("units[0].supplier", equalTo("某轴承厂")).extract().response());
        v = v(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(disposition(w.serial(), "REPAIR"))
                .post(base + "/disposition").then().statusCode(200)
                .body("units[0].repairGroup", equalTo("REPAIR_GROUP")).extract().response());
        // The repair group (the REPAIR role by default) is told what to repair, in its language.
        as("REPAIR").queryParam("limit", 200).get("/api/v1/me/notifications").then()
                .body("items.subject", hasItem("待维修：" + w.serial() + "（" + returnNo + "）"))
                .body("items.find { it.subject.contains('" + w.serial() + "') }.body", containsString("由维修组维修"));
        String restocked = "select count(*) from notice where kind = 'RETURN_RESTOCKED' and payload ->> 'returnNo' = ?1";
        as("WAREHOUSE").header("If-Match", "\"" + v + "\"").body(restock(w.serial(), "HQ-RMA"))
                .post(base + "/restock").then().statusCode(409);
        org.assertj.core.api.Assertions.assertThat(Sql.count(restocked, returnNo)).isZero();
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").post(base + "/closure").then().statusCode(409);
        v = v(as("REPAIR").header("If-Match", "\"" + v + "\"")
                .body(test(w.serial(), false).retest(true).json()).post(base + "/tests")
                .then().statusCode(200).body("units[0].retestPassed", equalTo(true)).extract().response());
        as("WAREHOUSE").header("If-Match", "\"" + v + "\"").body(restock(w.serial(), "库房 1"))
                .post(base + "/restock").then().statusCode(422).body("errors[0].field", equalTo("location"));
        org.assertj.core.api.Assertions.assertThat(Sql.count(restocked, returnNo)).isZero();
        v = v(as("WAREHOUSE").header("If-Match", "\"" + v + "\"").body(restock(w.serial(), "hq-rma"))
                .post(base + "/restock").then().statusCode(200).body("units[0].restockLocation", equalTo("HQ-RMA"))
                .extract().response());
        // §7.2.7: after-sales (the case owner) hears that the unit is back in stock, and where.
        as("AFTER_SALES_MANAGER").header("Accept-Language", "en").queryParam("limit", 200).get("/api/v1/me/notifications")
                .then().body("items.subject", hasItem("Repaired unit back in stock: " + w.serial()))
                .body("items.find { it.subject.contains('" + w.serial() + "') }.body", containsString("at HQ-RMA"));
        // The unit is no catalogued spare part: no stock movement.
        org.assertj.core.api.Assertions.assertThat(Sql.count("select count(*) from stock_movement where reason like ?1",
                returnNo + " %")).isZero();
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").post(base + "/closure").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        as("QUALITY_ENGINEER").get("/api/v1/units/" + w.serial() + "/history").then()
                .body("items.kind", hasItem("RETURN")).body("items.summary", hasItem(containsString("DEFECT_CONFIRMED")));
    }

    @Test
    void aRestockedUnitThatIsACataloguedSparePartGoesIntoItsStock() {
        String model = Api.unique("MC");
        String customer = Api.newCustomer(Api.unique("rs"));
        com.aftersales.support.Fixtures.term(customer, com.aftersales.support.WarrantyBodies.term("PASSENGER_CAR").mileageKm(100000));
        String serial = com.aftersales.support.Fixtures.unit(com.aftersales.support.UnitBodies.unit(customer).productModel(model)
                .productLine("PASSENGER_CAR").delivered(java.time.LocalDate.of(2025, 1, 10)));
        CaseTestData.World w = new CaseTestData.World(customer, serial);
        String part = com.aftersales.support.Fixtures.part(com.aftersales.support.SparePartBodies.part("MC 控制器总成", "3200.00")
                .partNo(model.toLowerCase()));
        String id = judged(w, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS");
        String base = "/api/v1/returns/" + id;
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(disposition(serial, "REPAIR")).post(base + "/disposition")
                .then().statusCode(200).body("units[0].repairGroup", equalTo("PRODUCTION"));
        as("REPAIR").header("If-Match", "\"4\"").body(test(serial, false).retest(true).json()).post(base + "/tests")
                .then().statusCode(200);
        String returnNo = as("WAREHOUSE").header("If-Match", "\"5\"").body(restock(serial, "HQ-RMA")).post(base + "/restock")
                .then().statusCode(200).extract().path("returnNo");
        as("WAREHOUSE").get("/api/v1/spare-parts/" + part + "/stock").then().statusCode(200)
                .body("find { it.location == 'HQ-RMA' }.quantity", equalTo(1));
        org.assertj.core.api.Assertions.assertThat(Sql.rows("select kind, quantity, cast(case_id as text) from stock_movement "
                        + "where part_id = cast(?1 as uuid)", part))
                .singleElement().satisfies(r -> org.assertj.core.api.Assertions.assertThat(r)
                        .containsExactly("RESTOCK", 1, as("WAREHOUSE").get(base).then().extract().path("caseId")));
        org.assertj.core.api.Assertions.assertThat(Sql.count("select count(*) from notice where kind = 'RETURN_RESTOCKED' "
                + "and payload ->> 'returnNo' = ?1", returnNo)).isEqualTo(1);
    }

    @Test
    void repairsAreRoutedLikeCasesAndReplacementsBecomeUnits() {
        for (String[] c : new String[][]{{"PASSENGER_CAR", null, "PRODUCTION"}, {"SYSTEM", "NPD-9", "TRIAL_WORKSHOP"}}) {
            String customer = Api.newCustomer(Api.unique("rt"));
            String serial = com.aftersales.cases.CaseTestData.unit(customer, c[0], c[1]);
            CaseTestData.World w = new CaseTestData.World(customer, serial);
            String id = judged(w, "NTF", null);
            as("SALES_MANAGER").header("If-Match", "\"3\"").body(disposition(serial, "REPAIR"))
                    .post("/api/v1/returns/" + id + "/disposition").then().statusCode(200).body("units[0].repairGroup", equalTo(c[2]));
        }
        CaseTestData.World w = CaseTestData.world("MICRO_CAR");
        String id = judged(w, "DEFECT_CONFIRMED", "MANUFACTURING_PROCESS");
        String replacement = Api.unique("RP");
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(disposition(w.serial(), "REPLACE"))
                .post("/api/v1/returns/" + id + "/disposition").then().statusCode(422);
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(disposition(w.serial(), "REPLACE", replacement))
                .post("/api/v1/returns/" + id + "/disposition").then().statusCode(200).body("units[0].replacementSerial", equalTo(replacement));
        as("SALES").get("/api/v1/units/" + replacement).then().statusCode(200)
                .body("customerId", equalTo(w.customerId())).body("deliveryDate", equalTo(TestClock.today().toString()));
        as("SALES").get("/api/v1/units/" + replacement + "/entitlement").then().body("regime", equalTo("FREE_WARRANTY"));
    }

    @Test
    void ntfRatesAndCostSharing() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String caseId = CaseTestData.openCase(w);
        String cost = as("SALES").body(CaseBodies.cost("FREIGHT", "1000.00").description("运费").json())
                .post("/api/v1/cases/" + caseId + "/costs").then().statusCode(201).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY"))
                .post("/api/v1/cases/" + caseId + "/costs/" + cost + "/verification").then().statusCode(200);
        String id = judgedOn(w, caseId, "NTF", null);
        as("QUALITY_ENGINEER").get("/api/v1/returns/" + id).then()
                .body("costs.verifiedCaseCostsCny", equalTo("1000.00")).body("costs.ntfCustomerShareCny", equalTo("500.00"))
                .body("costs.supplierRecoveryCny", equalTo("0.00"));
        String today = TestClock.today().toString();
        String code = as("SALES").get("/api/v1/customers/" + w.customerId()).then().extract().path("code");
        as("QUALITY_ENGINEER").queryParam("groupBy", "CUSTOMER").queryParam("from", today).queryParam("to", today)
                .get("/api/v1/returns/ntf-rate").then().statusCode(200)
                .body("find { it.group == '" + code + "' }.ntfRate", equalTo(1.0f))
                .body("find { it.group == '" + code + "' }.judged", equalTo(1));
        asCustomer(UUID.fromString(w.customerId())).queryParam("groupBy", "MODEL").queryParam("from", today).queryParam("to", today)
                .get("/api/v1/returns/ntf-rate").then().statusCode(200).body("size()", equalTo(1));
        as("QUALITY_ENGINEER").queryParam("from", today).queryParam("to", "2000-01-01").get("/api/v1/returns/ntf-rate").then().statusCode(400);
        CaseTestData.World other = CaseTestData.world("COMMERCIAL_VEHICLE");
        asCustomer(UUID.fromString(other.customerId())).get("/api/v1/returns/" + id).then().statusCode(404);
        as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "x", other.serial()))
                .post("/api/v1/returns").then().statusCode(422).body("errors[0].field", equalTo("serialNos[0]"));
    }

    @Test
    void ntfIsRefusedNamingTheTestWhenATestOfTheUnitReproducedTheFault() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String id = received(w, CaseTestData.openCase(w));
        String base = "/api/v1/returns/" + id;
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(ReturnBodies.test(w.serial(), "外观检查", false).json())
                .post(base + "/tests").then().statusCode(200);
        String reproducing = as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(test(w.serial(), true).json())
                .post(base + "/tests").then().statusCode(200).extract().path("tests.find { it.reproduced }.id");
        String ntf = verdict().unit(judgement(w.serial(), "NTF")).json();
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(ntf).post(base + "/verdict").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("units[0].verdict"))
                .body("errors[0].message", containsString("台架噪声测试")).body("errors[0].message", containsString(w.serial()))
                .body("reproducingTests.'" + w.serial() + "'", equalTo(reproducing));
        as("ENGINEER").header("If-Match", "\"3\"").header("Accept-Language", "en").body(ntf).post(base + "/verdict")
                .then().statusCode(422).body("errors[0].message", containsString("cannot be NTF"))
                .body("errors[0].message", containsString("台架噪声测试"));
        // Refused: nothing changed (status, version, verdict, audit trail).
        as("QUALITY_ENGINEER").get(base).then().header("ETag", "\"3\"").body("status", equalTo("TESTING"))
                .body("units[0].verdict", equalTo(null));
        as("ADMIN").queryParam("entity", "return").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("TEST"));
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"")
                .body(verdict().unit(judgement(w.serial(), "DEFECT_CONFIRMED").causeCategory("DESIGN")).json())
                .post(base + "/verdict").then().statusCode(200).body("status", equalTo("JUDGED"))
                .body("units[0].verdict", equalTo("DEFECT_CONFIRMED"));
        // A unit whose tests did not reproduce the fault may be judged NTF.
        as("QUALITY_ENGINEER").get("/api/v1/returns/" + judged(w, "NTF", null)).then().statusCode(200)
                .body("status", equalTo("JUDGED")).body("units[0].verdict", equalTo("NTF"));
    }

    /** Authorised, received, tested and judged (version 3 afterwards). */
    static String judged(CaseTestData.World w, String verdict, String cause) {
        return judgedOn(w, CaseTestData.openCase(w), verdict, cause);
    }

    /** Authorised and received by the warehouse (version 1 afterwards). */
    static String received(CaseTestData.World w, String caseId) {
        String id = authorise(w, caseId);
        as("WAREHOUSE").header("If-Match", "\"0\"").post("/api/v1/returns/" + id + "/receipt").then().statusCode(200);
        return id;
    }

    static String judgedOn(CaseTestData.World w, String caseId, String verdict, String cause) {
        String id = received(w, caseId);
        String base = "/api/v1/returns/" + id;
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(test(w.serial(), !"NTF".equals(verdict)).json()).post(base + "/tests")
                .then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"2\"").body(verdict().unit(judgement(w.serial(), verdict).causeCategory(cause)).json())
                .post(base + "/verdict").then().statusCode(200);
        return id;
    }
}
