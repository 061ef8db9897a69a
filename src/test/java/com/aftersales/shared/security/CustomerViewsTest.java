package com.aftersales.shared.security;

import com.aftersales.cases.CaseTestData;
import com.aftersales.recall.RecallTest;
import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.JsonBody;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.ReturnBodies;
import com.aftersales.support.TestClock;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 22, part D: a customer account sees the records of its own customer at the time of the record (a unit that
 * moves from one customer to another does not carry its past along), and its views carry only what a customer may see
 * (no recall criteria or other customers' counts, no internal costs, supplier or trip comments, only customer-visible
 * transition comments, no cost KPIs). Each walk through HTTP with a customer token, and staff for contrast.
 */
@QuarkusTest
class CustomerViewsTest {

    private static final LocalDate DELIVERED = LocalDate.of(2025, 1, 10);

    /** A unit sold to A, with A's case, visit, return and contract, then resold to B, who files its own case. */
    @Test
    void aUnitThatChangesCustomerShowsEachCustomerOnlyItsOwnRecords() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        UUID a = UUID.fromString(w.customerId());
        String caseOfA = CaseTestData.openCase(w);
        String visitOfA = as("REPAIR").body(CaseBodies.visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "A 公司停车场")
                .technician("周工").json()).post("/api/v1/cases/" + caseOfA + "/visits").then().statusCode(201).extract().path("id");
        String returnOfA = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseOfA, "A 的退货：电机异响", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        String contractOfA = as("SALES").body(WarrantyBodies.contract(Api.unique("BXA"), LocalDate.of(2027, 1, 10),
                        LocalDate.of(2028, 1, 9), "800").json())
                .post("/api/v1/units/" + w.serial() + "/service-contracts").then().statusCode(201).extract().path("id");
        String history = "/api/v1/units/" + w.serial() + "/history";
        String contracts = "/api/v1/units/" + w.serial() + "/service-contracts";
        String entitlement = "/api/v1/units/" + w.serial() + "/entitlement?date=2027-06-01";
        asCustomer(a).get(entitlement).then().statusCode(200).body("regime", equalTo("SERVICE_CONTRACT"));

        // Resold to B (a staff change of the unit's customer).
        UUID b = UUID.fromString(Api.newCustomer(Api.unique("resale")));
        String etag = as("SALES").get("/api/v1/units/" + w.serial()).then().statusCode(200).extract().header("ETag");
        as("SALES").header("If-Match", etag).body(UnitBodies.unit(b.toString()).serialNo(w.serial()).delivered(DELIVERED).json())
                .put("/api/v1/units/" + w.serial()).then().statusCode(200).body("customerId", equalTo(b.toString()));

        // B reaches the unit, but none of A's records on it.
        String bHistory = asCustomer(b).get(history).then().statusCode(200).extract().asString();
        for (String id : List.of(caseOfA, visitOfA, returnOfA, contractOfA)) {
            assertThat(bHistory).as("B's unit history names A's record " + id).doesNotContain(id);
        }
        assertThat(bHistory).doesNotContain("A 公司停车场");
        asCustomer(b).get(contracts).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        asCustomer(b).get(contracts + "/" + contractOfA).then().statusCode(404).contentType("application/problem+json");
        // A's contract does not cover B: B's entitlement on a day it would have covered is not SERVICE_CONTRACT.
        asCustomer(b).get(entitlement).then().statusCode(200).body("regime", not(equalTo("SERVICE_CONTRACT")))
                .body("reason", not(org.hamcrest.Matchers.containsString("BXA")));

        // B's own records on the unit are B's to see.
        String caseOfB = Fixtures.openCase(CaseBodies.open(b.toString()).unit(w.serial(), 100).description("B 的报修：控制器报警"));
        String contractOfB = as("SALES").body(WarrantyBodies.contract(Api.unique("BXB"), LocalDate.of(2028, 2, 1),
                        LocalDate.of(2029, 1, 31), "900").json())
                .post(contracts).then().statusCode(201).body("customerId", equalTo(b.toString())).extract().path("id");
        asCustomer(b).get(history).then().statusCode(200).body("items.caseId", hasItem(caseOfB))
                .body("items.caseId", not(hasItem(caseOfA)));
        asCustomer(b).get(contracts).then().statusCode(200).body("items.id", equalTo(List.of(contractOfB)));
        asCustomer(b).get(contracts + "/" + contractOfB).then().statusCode(200);

        // Staff see the unit's whole past, each contract with the customer who signed it.
        as("QUALITY_ENGINEER").get(history).then().statusCode(200).body("items.caseId", hasItems(caseOfA, caseOfB))
                .body("items.id", hasItems(visitOfA, returnOfA));
        as("SALES").get(contracts).then().statusCode(200).body("items.id", hasItems(contractOfA, contractOfB))
                .body("items.find { it.id == '" + contractOfA + "' }.customerId", equalTo(a.toString()));

        // A keeps its own records where they are reached by the record (its case, its return), not through the unit,
        // which is B's now.
        asCustomer(a).get("/api/v1/cases/" + caseOfA).then().statusCode(200);
        asCustomer(a).get("/api/v1/returns/" + returnOfA).then().statusCode(200);
        asCustomer(a).get(history).then().statusCode(404);
        asCustomer(a).get(contracts + "/" + contractOfA).then().statusCode(404);
        asCustomer(a).get("/api/v1/cases/" + caseOfB).then().statusCode(404);
    }

    @Test
    void aRecallShowsACustomerNeitherTheCriteriaNorOtherCustomersCounts() {
        String a = Api.newCustomer(Api.unique("rca"));
        String b = Api.newCustomer(Api.unique("rcb"));
        String a1 = Fixtures.unit(a, "COMMERCIAL_VEHICLE", DELIVERED);
        String a2 = Fixtures.unit(a, "COMMERCIAL_VEHICLE", DELIVERED);
        String b1 = Fixtures.unit(b, "COMMERCIAL_VEHICLE", DELIVERED);
        String recall = RecallTest.campaign(RecallBodies.criteria().serial(a1).serial(a2).serial(b1).customerId(a).customerId(b),
                null);
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing("SAMR-2026-0101"))
                .post("/api/v1/recalls/" + recall + "/filing").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post("/api/v1/recalls/" + recall + "/activation").then().statusCode(200);

        String one = asCustomer(UUID.fromString(a)).get("/api/v1/recalls/" + recall).then().statusCode(200)
                .body("criteria", nullValue()).body("affectedCount", nullValue()).body("createdBy", nullValue())
                .body("ownUnits", equalTo(2)).body("ownRemediedUnits", equalTo(0)).body("status", equalTo("ACTIVE"))
                .extract().asString();
        String list = asCustomer(UUID.fromString(a)).get("/api/v1/recalls").then().statusCode(200)
                .body("items.find { it.id == '" + recall + "' }.ownUnits", equalTo(2))
                .body("items.find { it.id == '" + recall + "' }.criteria", nullValue()).extract().asString();
        for (String answer : List.of(one, list)) {
            assertThat(answer).doesNotContain(b).doesNotContain(b1);
        }
        asCustomer(UUID.fromString(b)).get("/api/v1/recalls/" + recall).then().statusCode(200).body("ownUnits", equalTo(1));
        // Staff see the campaign as drafted.
        as("QUALITY_ENGINEER").get("/api/v1/recalls/" + recall).then().statusCode(200)
                .body("criteria.serials", hasItems(a1, a2, b1)).body("affectedCount", equalTo(3));
    }

    @Test
    void aReturnShowsACustomerNoCostsSupplierOrShare() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        UUID customer = UUID.fromString(w.customerId());
        String caseId = CaseTestData.openCase(w);
        String cost = as("SALES").body(CaseBodies.cost("FREIGHT", "3217.19").description("运费").json())
                .post("/api/v1/cases/" + caseId + "/costs").then().statusCode(201).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("VERIFY"))
                .post("/api/v1/cases/" + caseId + "/costs/" + cost + "/verification").then().statusCode(200);
        String id = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(caseId, "电机异响，退回检测", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        String base = "/api/v1/returns/" + id;
        as("WAREHOUSE").header("If-Match", "\"0\"").post(base + "/receipt").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").body(ReturnBodies.test(w.serial(), "台架噪声测试", true).json())
                .post(base + "/tests").then().statusCode(200);
        as("ENGINEER").header("If-Match", "\"2\"").body(ReturnBodies.verdict().unit(ReturnBodies.judgement(w.serial(), "DEFECT_CONFIRMED")
                        .causeCategory("PURCHASED_PART").supplier(com.aftersales.support.Fixtures.supplier("某轴承厂"), 0.6)).json())
                .post(base + "/verdict").then().statusCode(200);

        String one = asCustomer(customer).get(base).then().statusCode(200)
                .body("status", equalTo("JUDGED")).body("units[0].verdict", equalTo("DEFECT_CONFIRMED"))
                .body("costs", nullValue()).body("tests", nullValue()).body("units[0].supplier", nullValue())
                .body("units[0].supplierShare", nullValue()).extract().asString();
        String list = asCustomer(customer).queryParam("caseId", caseId).get("/api/v1/returns").then().statusCode(200)
                .body("items[0].id", equalTo(id)).body("items[0].costs", nullValue()).extract().asString();
        for (String answer : List.of(one, list)) {
            assertThat(answer).doesNotContain("某轴承厂").doesNotContain("3217.19").doesNotContain("1930.31")
                    .doesNotContain("supplierRecoveryCny").doesNotContain("supplierShare").doesNotContain("supplierCode");
        }
        // Staff see the verdict's supplier and what it means for the case's costs.
        as("QUALITY_ENGINEER").get(base).then().statusCode(200).body("units[0].supplier", equalTo("某轴承厂"))
                .body("costs.verifiedCaseCostsCny", equalTo("3217.19")).body("costs.supplierRecoveryCny", equalTo("1930.31"));
        as("QUALITY_ENGINEER").queryParam("caseId", caseId).get("/api/v1/returns").then().statusCode(200)
                .body("items[0].units[0].supplier", equalTo("某轴承厂"));
    }

    @Test
    void aVisitShowsACustomerNothingOfTheTrip() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        UUID customer = UUID.fromString(w.customerId());
        String caseId = CaseTestData.openCase(w);
        String visit = as("REPAIR").body(CaseBodies.visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 9), "客户车场").technician("周工")
                .travelRequired(true).json()).post("/api/v1/cases/" + caseId + "/visits").then().statusCode(201).extract().path("id");
        String base = "/api/v1/cases/" + caseId + "/visits/" + visit;
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(CaseBodies.decision("REJECT", "机票过贵，本月差旅预算已超"))
                .post(base + "/travel-approval").then().statusCode(200);

        String one = asCustomer(customer).get(base).then().statusCode(200)
                .body("site", equalTo("客户车场")).body("technicians", equalTo(List.of("周工")))
                .body("travelComment", nullValue()).body("travelStatus", nullValue()).body("travelDecidedBy", nullValue())
                .extract().asString();
        String list = asCustomer(customer).get("/api/v1/cases/" + caseId + "/visits").then().statusCode(200)
                .body("items[0].id", equalTo(visit)).body("items[0].travelComment", nullValue()).extract().asString();
        String events = asCustomer(customer).get("/api/v1/cases/" + caseId + "/events").then().statusCode(200).extract().asString();
        for (String answer : List.of(one, list, events)) {
            assertThat(answer).doesNotContain("预算已超");
        }
        as("AFTER_SALES_MANAGER").get(base).then().statusCode(200).body("travelComment", equalTo("机票过贵，本月差旅预算已超"))
                .body("travelStatus", equalTo("REJECTED"));
    }

    @Test
    void transitionCommentsAreInternalUnlessMarkedCustomerVisible() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        UUID customer = UUID.fromString(w.customerId());
        String caseId = CaseTestData.openCase(w);
        String transitions = "/api/v1/cases/" + caseId + "/transitions";
        String events = "/api/v1/cases/" + caseId + "/events";
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(CaseBodies.transition("ACKNOWLEDGED", "内部：疑似客户操作不当"))
                .post(transitions).then().statusCode(200);
        // Without customerVisible the comment is internal: the customer sees the move, not the comment.
        assertThat(asCustomer(customer).get(events).then().statusCode(200).body("items.toStatus", hasItem("ACKNOWLEDGED"))
                .extract().asString()).doesNotContain("操作不当");
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"")
                .body(JsonBody.of("to", "INVESTIGATING", "comment", "已安排工程师检测", "customerVisible", true))
                .post(transitions).then().statusCode(200);

        JsonPath mine = asCustomer(customer).get(events).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> moves = mine.getList("items.findAll { it.kind == 'TRANSITION' }");
        assertThat(moves).extracting(m -> m.get("toStatus") + ":" + m.get("text"))
                .containsExactly("ACKNOWLEDGED:null", "INVESTIGATING:已安排工程师检测");
        assertThat(mine.prettify()).doesNotContain("操作不当").doesNotContain("\"actor\"").doesNotContain(Api.subject("QUALITY_ENGINEER"));
        // Staff read both comments, each with its visibility.
        as("SALES").get(events).then().statusCode(200)
                .body("items.find { it.toStatus == 'ACKNOWLEDGED' }.text", equalTo("内部：疑似客户操作不当"))
                .body("items.find { it.toStatus == 'ACKNOWLEDGED' }.visibility", equalTo("INTERNAL"))
                .body("items.find { it.toStatus == 'INVESTIGATING' }.visibility", equalTo("CUSTOMER"));
    }

    @Test
    void costKpisAreStaffOnlyInTheReportTheExportsAndTheDashboard() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        UUID customer = UUID.fromString(w.customerId());
        String from = TestClock.today().minusDays(30).toString();
        String to = TestClock.today().toString();
        List<String> costKpis = List.of("warrantyCost", "warrantyCostPerUnit");
        JsonPath report = asCustomer(customer).queryParam("from", from).queryParam("to", to).get("/api/v1/kpis")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("tables.key", String.class)).contains("cases").doesNotContainAnyElementsOf(costKpis);
        for (String kpi : costKpis) {
            asCustomer(customer).header("Accept-Language", "en").queryParam("from", from).queryParam("to", to)
                    .queryParam("kpi", kpi).get("/api/v1/kpis").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("kpi"));
            asCustomer(customer).accept("text/csv").queryParam("from", from).queryParam("to", to).queryParam("kpi", kpi)
                    .get("/api/v1/kpis").then().statusCode(400);
        }
        String month = YearMonth.from(TestClock.today()).toString();
        JsonPath dashboard = asCustomer(customer).queryParam("from", month).queryParam("to", month).get("/api/v1/kpis/dashboard")
                .then().statusCode(200).extract().jsonPath();
        assertThat(dashboard.getList("tables.key", String.class)).contains("cases").doesNotContainAnyElementsOf(costKpis);
        // Staff have them everywhere.
        assertThat(as("QUALITY_ENGINEER").queryParam("from", from).queryParam("to", to).get("/api/v1/kpis").then().statusCode(200)
                .extract().jsonPath().getList("tables.key", String.class)).containsAll(costKpis);
        assertThat(as("QUALITY_ENGINEER").queryParam("from", month).queryParam("to", month).get("/api/v1/kpis/dashboard").then()
                .statusCode(200).extract().jsonPath().getList("tables.key", String.class)).containsAll(costKpis);
        as("QUALITY_ENGINEER").accept("text/csv").queryParam("from", from).queryParam("to", to).queryParam("kpi", "warrantyCost")
                .get("/api/v1/kpis").then().statusCode(200);
    }
}
