package com.aftersales.cases;

import com.aftersales.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static com.aftersales.cases.CaseFixtures.claim;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.completion;
import static com.aftersales.support.CaseBodies.cost;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.open;
import static com.aftersales.support.CaseBodies.visit;
import static com.aftersales.support.WarrantyBodies.contract;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CaseCostAndVisitTest {

    @Test
    void billingFollowsEachRegime() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String free = CaseFixtures.openId(w);
        as("REPAIR").body(cost("PARTS", "1200.50").json()).post("/api/v1/cases/" + free + "/costs")
                .then().statusCode(201).body("billedTo", equalTo("COMPANY")).body("amountCny", equalTo("1200.50"))
                .body("status", equalTo("SUBMITTED"));

        String chargeable = as("SALES").body(claim(w, 150000, "超里程").json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("REPAIR").body(cost("LABOUR", "300").json()).post("/api/v1/cases/" + chargeable + "/costs")
                .then().statusCode(201).body("billedTo", equalTo("CUSTOMER"));

        String older = Fixtures.unit(w.customerId(), "COMMERCIAL_VEHICLE", LocalDate.of(2022, 1, 10));
        as("SALES").body(contract("BX-" + older, LocalDate.of(2024, 1, 10), LocalDate.of(2026, 1, 9), "8000").json())
                .post("/api/v1/units/" + older + "/service-contracts").then().statusCode(201);
        String contract = as("SALES").body(open(w.customerId()).unit(older, 90000).description("保修协议期内故障").json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("REPAIR").body(cost("SERVICE_STATION_FEE", "800").json()).post("/api/v1/cases/" + contract + "/costs")
                .then().statusCode(201).body("billedTo", equalTo("SERVICE_CONTRACT")).body("contractRef", equalTo("BX-" + older));

        // Two units with different regimes: the cost line must name its unit.
        String both = as("SALES").body(open(w.customerId()).type("REPAIR").unit(w.serial(), 1000).unit(older, 200000).title("两台")
                        .description("两台电机同时故障").reporter("赵", null).channel("EMAIL").severity("LOW").json())
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        as("REPAIR").body(cost("FREIGHT", "100").json()).post("/api/v1/cases/" + both + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("serialNo"));
        as("REPAIR").body(cost("FREIGHT", "100").serialNo(older).json())
                .post("/api/v1/cases/" + both + "/costs").then().statusCode(201).body("billedTo", equalTo("SERVICE_CONTRACT"))
                .body("serialNo", equalTo(older));
    }

    @Test
    void badCostsAreRefused() {
        CaseTestData.World w = world("SYSTEM", null);
        String id = CaseFixtures.openId(w);
        as("REPAIR").body(cost("PARTS", "10.001").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("REPAIR").body(cost("PARTS", "-1").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(422).body("errors[0].field", equalTo("amountCny"));
        as("REPAIR").body(cost("GIFTS", "1").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        as("REPAIR").get("/api/v1/cases/" + id + "/costs").then().body("items.size()", equalTo(0));
    }

    @Test
    void costVerificationByRole() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        String small = as("SALES").body(cost("TRAVEL", "1500").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String big = as("SALES").body(cost("PARTS", "25000").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String bad = as("SALES").body(cost("TRAVEL", "999").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String base = "/api/v1/cases/" + id + "/costs/";

        as("SALES_MANAGER").header("If-Match", "\"0\"").body(decision("VERIFY"))
                .post(base + small + "/verification").then().statusCode(403);
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(decision("VERIFY"))
                .post(base + small + "/verification").then().statusCode(403);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("VERIFY"))
                .post(base + small + "/verification").then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("verifiedBy", equalTo("test-after_sales_manager"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"1\"").body(decision("VERIFY"))
                .post(base + small + "/verification").then().statusCode(409);

        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("VERIFY"))
                .post(base + big + "/verification").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"1\"").body(decision("VERIFY"))
                .post(base + big + "/verification").then().statusCode(403);
        as("GENERAL_MANAGER").header("If-Match", "\"1\"").body(decision("VERIFY", "同意"))
                .post(base + big + "/verification").then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("gmApprovedBy", equalTo("test-general_manager"));

        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("REJECT"))
                .post(base + bad + "/verification").then().statusCode(422);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("REJECT", "无票据"))
                .post(base + bad + "/verification").then().statusCode(200).body("status", equalTo("REJECTED"));
        as("ADMIN").queryParam("entity", "case-cost").queryParam("id", big).get("/api/v1/audit")
                .then().body("items.action", equalTo(List.of("VERIFY_VERIFY", "VERIFY_VERIFY", "CREATE")));
    }

    @Test
    void aTripNeedsTravelApprovalBeforeItStarts() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        String visit = as("REPAIR").body(visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "郑州公交三公司停车场")
                        .technician("周工").technician("吴工").travelRequired(true).json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201)
                .body("travelStatus", equalTo("REQUESTED")).extract().path("id");
        String base = "/api/v1/cases/" + id + "/visits/" + visit;
        as("REPAIR").header("If-Match", "\"0\"").post(base + "/start").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:visit_travel_not_approved"));
        as("SALES_MANAGER").header("If-Match", "\"0\"").body(decision("APPROVE"))
                .post(base + "/travel-approval").then().statusCode(403);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("APPROVE", "同意出差"))
                .post(base + "/travel-approval").then().statusCode(200).body("travelStatus", equalTo("APPROVED"));
        as("REPAIR").header("If-Match", "\"1\"").post(base + "/start").then().statusCode(200).body("status", equalTo("STARTED"));
        as("REPAIR").header("If-Match", "\"2\"").body(completion("更换轴承并重新标定", "故障排除，试车正常")
                        .partUsed("BRG-6205", "轴承", 2).json())
                .post(base + "/completion").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("partsUsed[0].quantity", equalTo(2));
        // A local visit without travel starts at once.
        String local = as("REPAIR").body(visit("TRAINING", LocalDate.of(2025, 6, 6), "本公司").technician("周工").json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201).extract().path("id");
        as("REPAIR").header("If-Match", "\"0\"").post("/api/v1/cases/" + id + "/visits/" + local + "/start").then().statusCode(200);
        asCustomer(java.util.UUID.fromString(w.customerId())).get("/api/v1/cases/" + id + "/visits")
                .then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void unitHistoryShowsCasesVisitsAndCostsInTimeOrder() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        as("REPAIR").body(visit("COMMISSIONING", LocalDate.of(2025, 6, 5), "现场").technician("周工").json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201);
        as("REPAIR").body(cost("PARTS", "66.60").json()).post("/api/v1/cases/" + id + "/costs").then().statusCode(201);
        as("QUALITY_ENGINEER").get("/api/v1/units/" + w.serial().toLowerCase() + "/history").then().statusCode(200)
                .body("items.kind", equalTo(List.of("CASE", "VISIT", "COST")))
                .body("items[2].summary", org.hamcrest.Matchers.containsString("66.60"));
        asCustomer(java.util.UUID.fromString(w.customerId())).get("/api/v1/units/" + w.serial() + "/history")
                .then().statusCode(200).body("items.kind", not(hasItem("COST")));
        CaseTestData.World other = world("COMMERCIAL_VEHICLE", null);
        asCustomer(java.util.UUID.fromString(other.customerId())).get("/api/v1/units/" + w.serial() + "/history")
                .then().statusCode(404);
    }
}
