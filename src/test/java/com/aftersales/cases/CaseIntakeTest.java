package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.claim;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.open;
import static com.aftersales.support.CaseBodies.route;
import static com.aftersales.support.CaseBodies.sla;
import static com.aftersales.support.CaseBodies.transition;
import static com.aftersales.support.WarrantyBodies.contract;
import static com.aftersales.support.WarrantyBodies.term;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class CaseIntakeTest {

    @Test
    void routesEveryProductLineAndProjectStage() {
        record Expect(String line, String project, String owner) {
        }
        for (Expect e : new Expect[]{
                new Expect("COMMERCIAL_VEHICLE", null, "AFTER_SALES_MANAGER"),
                new Expect("PASSENGER_CAR", null, "SALES_MANAGER"),
                new Expect("MICRO_CAR", null, "SALES_MANAGER"),
                new Expect("SYSTEM", null, "SALES_MANAGER"),
                new Expect("COMMERCIAL_VEHICLE", "NPD-1", "PROJECT_MANAGER"),
                new Expect("PASSENGER_CAR", "NPD-2", "PROJECT_MANAGER"),
                new Expect("MICRO_CAR", "NPD-3", "PROJECT_MANAGER"),
                new Expect("SYSTEM", "NPD-4", "PROJECT_MANAGER")}) {
            CaseTestData.World w = world(e.line(), e.project());
            CaseFixtures.open("SALES", w, "描述").then().statusCode(201)
                    .body("ownerRole", equalTo(e.owner()))
                    .body("productLine", equalTo(e.line()));
        }
    }

    @Test
    void intakeFreezesEntitlementSetsSlaAndNumbersTheCase() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.open("SALES", w, "电机异响").then().statusCode(201)
                .header("Location", containsString("/api/v1/cases/"))
                .body("caseNo", startsWith("KS-" + TestClock.today().getYear() + "-"))
                .body("status", equalTo("NEW"))
                .body("allowedTransitions", hasItem("ACKNOWLEDGED"))
                .body("units[0].serialNo", equalTo(w.serial()))
                .body("units[0].regime", equalTo("FREE_WARRANTY"))
                .body("units[0].validUntil", equalTo("2027-01-09"))
                .body("units[0].mileageKm", equalTo(30000))
                .body("units[0].reason", containsString("包修期内"))
                .body("firstResponseDue", notNullValue())
                .body("overdue", equalTo(false))
                .extract().path("id");
        // Terms changed later do not change what was frozen.
        as("SALES").body(term("COMMERCIAL_VEHICLE").months(1).effectiveTo(LocalDate.of(2020, 1, 2)).json())
                .post("/api/v1/customers/" + w.customerId() + "/warranty-terms").then().statusCode(409);
        as("SALES").get("/api/v1/cases/" + id).then().body("units[0].regime", equalTo("FREE_WARRANTY"));
        as("AFTER_SALES_MANAGER").queryParam("entity", "case").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("CREATE"));
    }

    @Test
    void chargeableAndContractRegimesAreFrozenToo() {
        CaseTestData.World w = world("PASSENGER_CAR", null);
        as("SALES").body(claim(w, 150000, "里程超限后故障").json())
                .post("/api/v1/cases").then().statusCode(201).body("units[0].regime", equalTo("CHARGEABLE"));
        String older = Fixtures.unit(w.customerId(), "PASSENGER_CAR", LocalDate.of(2023, 1, 10));
        as("SALES").body(contract("BX-" + older, LocalDate.of(2025, 1, 10), LocalDate.of(2027, 1, 9), "5000").json())
                .post("/api/v1/units/" + older + "/service-contracts").then().statusCode(201);
        as("SALES").body(open(w.customerId()).unit(older, 50000).description("控制器报警").json())
                .post("/api/v1/cases").then().statusCode(201)
                .body("units[0].regime", equalTo("SERVICE_CONTRACT"))
                .body("units[0].decidedByRef", equalTo("BX-" + older))
                .body("units[0].validUntil", equalTo("2027-01-09"));
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        CaseTestData.World w = world("SYSTEM", null);
        CaseTestData.World other = world("SYSTEM", null);
        as("SALES").body(open(w.customerId()).unit("NO-SUCH-UNIT", 1).description("x").json()).post("/api/v1/cases")
                .then().statusCode(422).body("errors[0].field", equalTo("units[0].serialNo"));
        as("SALES").body(open(w.customerId()).unit(other.serial(), 1).description("x").json()).post("/api/v1/cases")
                .then().statusCode(422).body("errors[0].field", equalTo("units[0].serialNo"));
        as("SALES").body(claim(w, 1, "x").failureDate(LocalDate.of(2024, 6, 1)).json()).post("/api/v1/cases")
                .then().statusCode(422).body("errors[0].field", equalTo("failureDate"));
        as("SALES").body(claim(w, 1, "x").failureDate(TestClock.today().plusDays(2)).json())
                .post("/api/v1/cases").then().statusCode(422).body("errors[0].field", equalTo("failureDate"));
        as("SALES").body(claim(w, -5, "x").json()).post("/api/v1/cases")
                .then().statusCode(422).body("errors[0].field", equalTo("units[0].mileageKm"));
        as("SALES").body(claim(w, 1, "x").type("PRAISE").json())
                .post("/api/v1/cases").then().statusCode(400).body("errors[0].field", equalTo("type"));
        as("SALES").queryParam("serialNo", w.serial()).get("/api/v1/cases").then().body("items.size()", equalTo(0));
    }

    @Test
    void flagsAPossibleDuplicateOnTheSameUnitAndSaysWhy() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String first = CaseFixtures.open("SALES", w, "电机高速运行时有异响，伴随抖动，客户要求索赔").then().statusCode(201)
                .body("possibleDuplicate", nullValue()).extract().path("id");
        CaseFixtures.open("SALES", w, "电机高速运行时异响并抖动，客户再次要求索赔").then().statusCode(201)
                .body("possibleDuplicate.caseId", equalTo(first))
                .body("possibleDuplicate.serialNo", equalTo(w.serial()))
                .body("possibleDuplicate.reason", containsString("可能重复"));
        CaseFixtures.open("SALES", w, "控制器通讯中断，仪表报警").then().statusCode(201)
                .body("possibleDuplicate", nullValue());
    }

    @Test
    void theDuplicateWindowCountsCalendarMonths() {
        // The test profile sets aftersales.cases.duplicate-window=P3M: three calendar months back from now. Read as
        // Period.getDays() it was 0 days, and a case rejected 80 days ago was never flagged.
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        CaseTestData.World sameCustomer = new CaseTestData.World(w.customerId(),
                CaseFixtures.unit(w.customerId(), "COMMERCIAL_VEHICLE", null));
        String recent = rejected(w, "电机高速运行时有异响，伴随抖动，客户要求索赔");
        String old = rejected(sameCustomer, "电机高速运行时有异响，伴随抖动，客户要求索赔");

        TestClock.advance(Duration.ofDays(80));
        CaseFixtures.open("SALES", w, "电机高速运行时异响并抖动，客户再次要求索赔").then().statusCode(201)
                .body("possibleDuplicate.caseId", equalTo(recent));

        TestClock.advance(Duration.ofDays(15));
        CaseFixtures.open("SALES", sameCustomer, "电机高速运行时异响并抖动，客户再次要求索赔").then().statusCode(201)
                .body("possibleDuplicate", nullValue());
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + old).then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    private static String rejected(CaseTestData.World w, String description) {
        io.restassured.response.Response opened = CaseFixtures.open("SALES", w, description);
        opened.then().statusCode(201);
        String id = opened.path("id");
        CaseFixtures.move("AFTER_SALES_MANAGER", id, Integer.parseInt(opened.header("ETag").replace("\"", "")), "REJECTED");
        return id;
    }

    @Test
    void aCustomerAccountOpensAndReadsOnlyItsOwnCases() {
        CaseTestData.World mine = world("MICRO_CAR", null);
        CaseTestData.World theirs = world("MICRO_CAR", null);
        UUID me = UUID.fromString(mine.customerId());
        String myCase = CaseFixtures.open("SALES", mine, "我的案件").then().statusCode(201).extract().path("id");
        String theirCase = CaseFixtures.open("SALES", theirs, "别人的案件").then().statusCode(201).extract().path("id");
        asCustomer(me).body(claim(mine, 100, "客户自行报修").failureDate(LocalDate.of(2025, 6, 2)).json())
                .post("/api/v1/cases").then().statusCode(201).body("ownerPerson", nullValue());
        asCustomer(me).body(claim(theirs, 100, "x").failureDate(LocalDate.of(2025, 6, 2)).json())
                .post("/api/v1/cases").then().statusCode(404);
        asCustomer(me).body(open(mine.customerId()).unit(theirs.serial(), 100).failureDate(LocalDate.of(2025, 6, 2)).description("x").json())
                .post("/api/v1/cases").then().statusCode(422);
        asCustomer(me).get("/api/v1/cases/" + myCase).then().statusCode(200);
        asCustomer(me).get("/api/v1/cases/" + theirCase).then().statusCode(404).contentType("application/problem+json");
        asCustomer(me).get("/api/v1/cases").then().statusCode(200).body("items.customerId", org.hamcrest.Matchers.everyItem(equalTo(mine.customerId())));
        asCustomer(me).get("/api/v1/cases/" + theirCase + "/events").then().statusCode(404);
        asCustomer(me).get("/api/v1/cases/" + myCase + "/costs").then().statusCode(403);
        asCustomer(me).header("If-Match", "\"0\"").body(transition("ACKNOWLEDGED"))
                .post("/api/v1/cases/" + myCase + "/transitions").then().statusCode(403);
    }

    @Test
    void slaTableIsDataWithCustomerOverrides() {
        CaseTestData.World w = world("SYSTEM", null);
        // No precondition: 428 and no row; If-None-Match: * creates the customer's row, a second create is 412.
        as("ADMIN").body(sla("HIGH", w.customerId(), 1, 2)).put("/api/v1/case-settings/slas").then().statusCode(428)
                .body("type", equalTo("urn:problem:aftersales:precondition_required_put"));
        as("ADMIN").get("/api/v1/case-settings/slas").then().body("findAll { it.customerId == '" + w.customerId() + "' }.size()",
                equalTo(0));
        String etag = as("ADMIN").header("If-None-Match", "*").body(sla("HIGH", w.customerId(), 1, 2))
                .put("/api/v1/case-settings/slas").then().statusCode(200).extract().header("ETag");
        as("ADMIN").header("If-None-Match", "*").body(sla("HIGH", w.customerId(), 5, 6))
                .put("/api/v1/case-settings/slas").then().statusCode(412).body("type", equalTo("urn:problem:aftersales:record_exists"));
        as("ADMIN").body(sla("HIGH", w.customerId(), 5, 6)).put("/api/v1/case-settings/slas").then().statusCode(428);
        as("ADMIN").header("If-Match", etag).body(sla("HIGH", w.customerId(), 1, 2))
                .put("/api/v1/case-settings/slas").then().statusCode(200);
        as("SALES").header("If-None-Match", "*").body(sla("HIGH", w.customerId(), 1, 2))
                .put("/api/v1/case-settings/slas").then().statusCode(403);
        String created = CaseFixtures.open("SALES", w, "SLA 测试").then().statusCode(201).extract().path("createdAt");
        String due = as("SALES").queryParam("customerId", w.customerId()).get("/api/v1/cases")
                .then().extract().path("items[0].resolutionDue");
        org.assertj.core.api.Assertions.assertThat(java.time.Duration.between(java.time.OffsetDateTime.parse(created),
                java.time.OffsetDateTime.parse(due)).toMinutes()).isBetween(119L, 121L);
    }

    @Test
    void routingIsDataChangeableWithoutADeploy() {
        String etag = as("ADMIN").get("/api/v1/case-settings/routing").then().statusCode(200)
                .extract().path("find { it.productLine == 'SYSTEM' && !it.inProject }.version").toString();
        as("ADMIN").header("If-Match", "\"" + etag + "\"").body(route("PRODUCT_MANAGER"))
                .put("/api/v1/case-settings/routing/SYSTEM/false").then().statusCode(200);
        try {
            CaseTestData.World w = world("SYSTEM", null);
            CaseFixtures.open("SALES", w, "路由测试").then().statusCode(201).body("ownerRole", equalTo("PRODUCT_MANAGER"));
        } finally {
            as("ADMIN").header("If-Match", "\"" + (Integer.parseInt(etag) + 1) + "\"").body(route("SALES_MANAGER"))
                    .put("/api/v1/case-settings/routing/SYSTEM/false").then().statusCode(200);
        }
        as("ADMIN").header("If-Match", "\"0\"").body(route("WAREHOUSE"))
                .put("/api/v1/case-settings/routing/SYSTEM/true").then().statusCode(422);
    }

    @Test
    void idempotentIntakeOpensOneCase() {
        CaseTestData.World w = world("SYSTEM", null);
        String key = Api.unique("k");
        String body = claim(w, 1, "重复提交").json();
        String a = as("SALES").header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String b = as("SALES").header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        org.assertj.core.api.Assertions.assertThat(a).isEqualTo(b);
        as("SALES").queryParam("serialNo", w.serial()).get("/api/v1/cases").then().body("items.size()", equalTo(1));
    }
}
