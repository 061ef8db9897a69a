package com.aftersales.cases;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.aftersales.cases.CaseFixtures.caseJson;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CaseCostAndVisitTest {

    static String cost(String category, String amount) {
        return """
                {"category":"%s","amountCny":"%s","description":"上门维修费用","incurredOn":"2025-06-03"}"""
                .formatted(category, amount);
    }

    @Test
    void billingFollowsEachRegime() {
        CaseFixtures.World w = world("COMMERCIAL_VEHICLE", null);
        String free = CaseFixtures.openId(w);
        as("REPAIR").body(cost("PARTS", "1200.50")).post("/api/v1/cases/" + free + "/costs")
                .then().statusCode(201).body("billedTo", equalTo("COMPANY")).body("amountCny", equalTo("1200.50"))
                .body("status", equalTo("SUBMITTED"));

        String chargeable = as("SALES").body(caseJson(w.customerId(), w.serial(), "2025-06-01", 150000, "超里程"))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("REPAIR").body(cost("LABOUR", "300")).post("/api/v1/cases/" + chargeable + "/costs")
                .then().statusCode(201).body("billedTo", equalTo("CUSTOMER"));

        String older = CaseFixtures.unit(w.customerId(), "COMMERCIAL_VEHICLE", null, "2022-01-10");
        as("SALES").body("""
                        {"contractNo":"BX-%s","startDate":"2024-01-10","endDate":"2026-01-09","feeCny":"8000","coverage":"整机"}"""
                        .formatted(older)).post("/api/v1/units/" + older + "/service-contracts").then().statusCode(201);
        String contract = as("SALES").body(caseJson(w.customerId(), older, "2025-06-01", 90000, "保修协议期内故障"))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("REPAIR").body(cost("SERVICE_STATION_FEE", "800")).post("/api/v1/cases/" + contract + "/costs")
                .then().statusCode(201).body("billedTo", equalTo("SERVICE_CONTRACT")).body("contractRef", equalTo("BX-" + older));

        // Two units with different regimes: the cost line must name its unit.
        String both = as("SALES").body("""
                        {"type":"REPAIR","customerId":"%s","units":[{"serialNo":"%s","mileageKm":1000},{"serialNo":"%s","mileageKm":200000}],
                         "failureDate":"2025-06-01","title":"两台","description":"两台电机同时故障",
                         "reporter":{"name":"赵"},"channel":"EMAIL","severity":"LOW"}""".formatted(w.customerId(), w.serial(), older))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("REPAIR").body(cost("FREIGHT", "100")).post("/api/v1/cases/" + both + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("serialNo"));
        as("REPAIR").body(cost("FREIGHT", "100").replace("}", ",\"serialNo\":\"" + older + "\"}"))
                .post("/api/v1/cases/" + both + "/costs").then().statusCode(201).body("billedTo", equalTo("SERVICE_CONTRACT"))
                .body("serialNo", equalTo(older));
    }

    @Test
    void badCostsAreRefused() {
        CaseFixtures.World w = world("SYSTEM", null);
        String id = CaseFixtures.openId(w);
        as("REPAIR").body(cost("PARTS", "10.001")).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("REPAIR").body(cost("PARTS", "-1")).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("REPAIR").body(cost("GIFTS", "1")).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        as("REPAIR").get("/api/v1/cases/" + id + "/costs").then().body("items.size()", equalTo(0));
    }

    @Test
    void costVerificationByRole() {
        CaseFixtures.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        String small = as("SALES").body(cost("TRAVEL", "1500")).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String big = as("SALES").body(cost("PARTS", "25000")).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String bad = as("SALES").body(cost("TRAVEL", "999")).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String base = "/api/v1/cases/" + id + "/costs/";

        as("SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"VERIFY\"}")
                .post(base + small + "/verification").then().statusCode(403);
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"VERIFY\"}")
                .post(base + small + "/verification").then().statusCode(403);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"VERIFY\"}")
                .post(base + small + "/verification").then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("verifiedBy", equalTo("test-after_sales_manager"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"1\"").body("{\"decision\":\"VERIFY\"}")
                .post(base + small + "/verification").then().statusCode(409);

        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"VERIFY\"}")
                .post(base + big + "/verification").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"1\"").body("{\"decision\":\"VERIFY\"}")
                .post(base + big + "/verification").then().statusCode(403);
        as("GENERAL_MANAGER").header("If-Match", "\"1\"").body("{\"decision\":\"VERIFY\",\"comment\":\"同意\"}")
                .post(base + big + "/verification").then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("gmApprovedBy", equalTo("test-general_manager"));

        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"REJECT\"}")
                .post(base + bad + "/verification").then().statusCode(422);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"REJECT\",\"comment\":\"无票据\"}")
                .post(base + bad + "/verification").then().statusCode(200).body("status", equalTo("REJECTED"));
        as("ADMIN").queryParam("entity", "case-cost").queryParam("id", big).get("/api/v1/audit")
                .then().body("items.action", equalTo(List.of("VERIFY_VERIFY", "VERIFY_VERIFY", "CREATE")));
    }

    @Test
    void aTripNeedsTravelApprovalBeforeItStarts() {
        CaseFixtures.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        String visit = as("REPAIR").body("""
                        {"purpose":"ON_SITE_REPAIR","plannedDate":"2025-06-05","site":"郑州公交三公司停车场",
                         "technicians":["周工","吴工"],"travelRequired":true}""")
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201)
                .body("travelStatus", equalTo("REQUESTED")).extract().path("id");
        String base = "/api/v1/cases/" + id + "/visits/" + visit;
        as("REPAIR").header("If-Match", "\"0\"").post(base + "/start").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:visit_travel_not_approved"));
        as("SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"APPROVE\"}")
                .post(base + "/travel-approval").then().statusCode(403);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body("{\"decision\":\"APPROVE\",\"comment\":\"同意出差\"}")
                .post(base + "/travel-approval").then().statusCode(200).body("travelStatus", equalTo("APPROVED"));
        as("REPAIR").header("If-Match", "\"1\"").post(base + "/start").then().statusCode(200).body("status", equalTo("STARTED"));
        as("REPAIR").header("If-Match", "\"2\"").body("""
                        {"workDone":"更换轴承并重新标定","result":"故障排除，试车正常",
                         "partsUsed":[{"partNo":"BRG-6205","name":"轴承","quantity":2}]}""")
                .post(base + "/completion").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("partsUsed[0].quantity", equalTo(2));
        // A local visit without travel starts at once.
        String local = as("REPAIR").body("""
                        {"purpose":"TRAINING","plannedDate":"2025-06-06","site":"本公司","technicians":["周工"],"travelRequired":false}""")
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201).extract().path("id");
        as("REPAIR").header("If-Match", "\"0\"").post("/api/v1/cases/" + id + "/visits/" + local + "/start").then().statusCode(200);
        asCustomer(java.util.UUID.fromString(w.customerId())).get("/api/v1/cases/" + id + "/visits")
                .then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void unitHistoryShowsCasesVisitsAndCostsInTimeOrder() {
        CaseFixtures.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        as("REPAIR").body("""
                        {"purpose":"COMMISSIONING","plannedDate":"2025-06-05","site":"现场","technicians":["周工"],"travelRequired":false}""")
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201);
        as("REPAIR").body(cost("PARTS", "66.60")).post("/api/v1/cases/" + id + "/costs").then().statusCode(201);
        as("QUALITY_ENGINEER").get("/api/v1/units/" + w.serial().toLowerCase() + "/history").then().statusCode(200)
                .body("items.kind", equalTo(List.of("CASE", "VISIT", "COST")))
                .body("items[2].summary", org.hamcrest.Matchers.containsString("66.60"));
        asCustomer(java.util.UUID.fromString(w.customerId())).get("/api/v1/units/" + w.serial() + "/history")
                .then().statusCode(200).body("items.kind", not(hasItem("COST")));
        CaseFixtures.World other = world("COMMERCIAL_VEHICLE", null);
        asCustomer(java.util.UUID.fromString(other.customerId())).get("/api/v1/units/" + w.serial() + "/history")
                .then().statusCode(404);
    }
}
