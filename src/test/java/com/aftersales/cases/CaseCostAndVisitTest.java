package com.aftersales.cases;

import com.aftersales.support.Fixtures;
import com.aftersales.support.ServerRequests;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aftersales.cases.CaseFixtures.claim;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.Api.asPerson;
import static com.aftersales.support.CaseBodies.cancellation;
import static com.aftersales.support.CaseBodies.completion;
import static com.aftersales.support.CaseBodies.cost;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.open;
import static com.aftersales.support.CaseBodies.travelRequest;
import static com.aftersales.support.CaseBodies.visit;
import static com.aftersales.support.WarrantyBodies.contract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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

    /** The ids of a case's timeline events: a refused step adds none. */
    static List<Object> eventIds(String caseId) {
        return as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/events").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    /** The case's cost lines as "status version" in submission order (ids are random: sorted by amount, then status). */
    static List<Map<String, Object>> costLines(String caseId) {
        return as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId + "/costs").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    static String costStatus(String caseId, String costId) {
        return costLines(caseId).stream().filter(c -> costId.equals(c.get("id"))).map(c -> (String) c.get("status"))
                .findFirst().orElseThrow();
    }

    static String submit(String caseId, String role, String category, String amount) {
        return as(role).body(cost(category, amount).json()).post("/api/v1/cases/" + caseId + "/costs")
                .then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.Response verify(io.restassured.specification.RequestSpecification who, String caseId,
                                                   String costId, int version, String decision) {
        return who.header("If-Match", "\"" + version + "\"").body(decision(decision, "核实"))
                .post("/api/v1/cases/" + caseId + "/costs/" + costId + "/verification");
    }

    @Test
    void noNewCostLinesOnClosedOrRejectedCases() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String rejected = CaseFixtures.openId(w);
        int rv = CaseFixtures.move("AFTER_SALES_MANAGER", rejected, 0, "REJECTED");
        List<Object> events = eventIds(rejected);
        as("REPAIR").body(cost("PARTS", "100").json()).post("/api/v1/cases/" + rejected + "/costs").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:cost_case_finished"))
                .body("title", equalTo("已结束的案件不能再提交费用")).body("caseStatus", equalTo("REJECTED"));
        as("REPAIR").header("Accept-Language", "en").body(cost("PARTS", "100").json())
                .post("/api/v1/cases/" + rejected + "/costs").then().statusCode(409)
                .body("title", equalTo("No new cost lines on a finished case"));
        assertThat(costLines(rejected)).isEmpty();
        assertThat(eventIds(rejected)).isEqualTo(events);
        as("REPAIR").get("/api/v1/cases/" + rejected).then().header("ETag", "\"" + rv + "\"").body("status", equalTo("REJECTED"));

        // Allowed until the case closes: a resolved case still takes lines; a closed one does not.
        String id = CaseFixtures.openId(w);
        int v = 0;
        for (String to : List.of("ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED")) {
            v = CaseFixtures.move("AFTER_SALES_MANAGER", id, v, to);
        }
        String line = submit(id, "REPAIR", "TRAVEL", "800");
        verify(as("AFTER_SALES_MANAGER"), id, line, 0, "VERIFY").then().statusCode(200).body("status", equalTo("VERIFIED"));
        v = CaseFixtures.move("AFTER_SALES_MANAGER", id, v, "CLOSED");
        events = eventIds(id);
        as("REPAIR").body(cost("TRAVEL", "50").json()).post("/api/v1/cases/" + id + "/costs").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:cost_case_finished"))
                // The status in the reader's words (code.case_status.*), not the raw code; the code stays in caseStatus.
                .body("detail", equalTo("案件状态为已关闭，不能再提交新的费用。")).body("caseStatus", equalTo("CLOSED"));
        as("REPAIR").header("Accept-Language", "en").body(cost("TRAVEL", "50").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(409).body("detail", equalTo("The case is closed: it takes no new cost lines."));
        assertThat(costLines(id)).extracting(c -> c.get("id")).containsExactly(line);
        assertThat(eventIds(id)).isEqualTo(events);
        as("REPAIR").get("/api/v1/cases/" + id).then().header("ETag", "\"" + v + "\"").body("status", equalTo("CLOSED"));
    }

    @Test
    void nobodyVerifiesACostLineTheySubmitted() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        // The after-sales manager's own travel cost: another after-sales manager verifies it.
        String own = submit(id, "AFTER_SALES_MANAGER", "TRAVEL", "1200");
        List<Object> events = eventIds(id);
        verify(as("AFTER_SALES_MANAGER"), id, own, 0, "VERIFY").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:problem:aftersales:cost_own_line"))
                .body("title", equalTo("不能核实自己提交的费用"));
        verify(as("AFTER_SALES_MANAGER").header("Accept-Language", "en"), id, own, 0, "REJECT").then().statusCode(403)
                .body("title", equalTo("Nobody verifies their own cost line"));
        assertThat(costLines(id)).singleElement().satisfies(c -> {
            assertThat(c.get("status")).isEqualTo("SUBMITTED");
            assertThat(c.get("version")).isEqualTo(0);
            assertThat(c.get("verifiedBy")).isNull();
        });
        assertThat(eventIds(id)).isEqualTo(events);
        as("ADMIN").queryParam("entity", "case-cost").queryParam("id", own).get("/api/v1/audit")
                .then().body("items.action", equalTo(List.of("CREATE")));
        verify(asPerson("asm-deputy", "AFTER_SALES_MANAGER"), id, own, 0, "VERIFY").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("verifiedBy", equalTo("asm-deputy"));

        // The general manager's step too: a person who submitted a line (as sales) does not approve it (as GM).
        String big = as("SALES").body(cost("PARTS", "30000").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        String mine = asPerson("zhang-gm", "SALES", "GENERAL_MANAGER").body(cost("PARTS", "500").json())
                .post("/api/v1/cases/" + id + "/costs").then().statusCode(201).body("submittedBy", equalTo("zhang-gm"))
                .extract().path("id");
        verify(as("AFTER_SALES_MANAGER"), id, big, 0, "VERIFY").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
        verify(as("AFTER_SALES_MANAGER"), id, mine, 0, "VERIFY").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
        verify(asPerson("zhang-gm", "SALES", "GENERAL_MANAGER"), id, mine, 1, "VERIFY").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:cost_own_line"));
        assertThat(costStatus(id, mine)).isEqualTo("AWAITING_GM");
        verify(asPerson("zhang-gm", "SALES", "GENERAL_MANAGER"), id, big, 1, "VERIFY").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("gmApprovedBy", equalTo("zhang-gm"));
        verify(as("GENERAL_MANAGER"), id, mine, 1, "VERIFY").then().statusCode(200).body("status", equalTo("VERIFIED"));
    }

    @Test
    void theGeneralManagerThresholdAppliesToTheCategoryTotalSoSplittingDoesNotAvoidIt() {
        // Threshold 10,000.00 CNY (application.properties): 50,400 CNY as six travel lines of 8,400.
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        List<String> travel = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            travel.add(submit(id, "SALES", "TRAVEL", "8400"));
        }
        String labour = submit(id, "SALES", "LABOUR", "8400");
        String freightRejected = submit(id, "SALES", "FREIGHT", "9000");
        String freight = submit(id, "SALES", "FREIGHT", "9000");

        // The first line stays under the threshold; the second takes the category above it; every later one follows.
        verify(as("AFTER_SALES_MANAGER"), id, travel.get(0), 0, "VERIFY").then().statusCode(200).body("status", equalTo("VERIFIED"));
        for (String line : travel.subList(1, 6)) {
            verify(as("AFTER_SALES_MANAGER"), id, line, 0, "VERIFY").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
        }
        // Other categories have totals of their own; a rejected line counts for nothing.
        verify(as("AFTER_SALES_MANAGER"), id, labour, 0, "VERIFY").then().statusCode(200).body("status", equalTo("VERIFIED"));
        verify(as("AFTER_SALES_MANAGER"), id, freightRejected, 0, "REJECT").then().statusCode(200).body("status", equalTo("REJECTED"));
        verify(as("AFTER_SALES_MANAGER"), id, freight, 0, "VERIFY").then().statusCode(200).body("status", equalTo("VERIFIED"));

        // Refused: the after-sales manager cannot finish a line that waits for the general manager; nothing changes.
        List<Object> events = eventIds(id);
        verify(as("AFTER_SALES_MANAGER"), id, travel.get(1), 1, "VERIFY").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:cost_needs_general_manager"))
                .body("detail", containsString("差旅费类费用")).body("detail", not(containsString("TRAVEL")));
        verify(as("AFTER_SALES_MANAGER").header("Accept-Language", "en"), id, travel.get(1), 1, "VERIFY").then().statusCode(403)
                .body("detail", containsString("case's travel costs"));
        assertThat(costStatus(id, travel.get(1))).isEqualTo("AWAITING_GM");
        assertThat(eventIds(id)).isEqualTo(events);

        // The general manager decides: rejecting one leaves the others waiting for the approval.
        verify(as("GENERAL_MANAGER"), id, travel.get(1), 1, "REJECT").then().statusCode(200).body("status", equalTo("REJECTED"));
        for (String line : travel.subList(2, 6)) {
            verify(as("GENERAL_MANAGER"), id, line, 1, "VERIFY").then().statusCode(200).body("status", equalTo("VERIFIED"))
                    .body("gmApprovedBy", equalTo("test-general_manager"));
        }
        // A small line later in the category still needs the general manager: the total is above the threshold.
        String late = submit(id, "SALES", "TRAVEL", "100");
        verify(as("AFTER_SALES_MANAGER"), id, late, 0, "VERIFY").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
    }

    /**
     * Eight after-sales managers verify eight travel lines of 3,000 CNY of one case at the same moment: the case row is
     * locked, so each sees the total the one before left, and exactly three lines (9,000) pass without the general
     * manager; without the lock, verifiers reading the same total at once would all pass.
     */
    @Test
    @Tag("concurrency")
    void concurrentVerifiersCannotRacePastTheThreshold() throws Exception {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        int lines = 8;
        List<String> costs = new java.util.ArrayList<>();
        for (int i = 0; i < lines; i++) {
            costs.add(submit(id, "SALES", "TRAVEL", "3000"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(lines);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < lines; i++) {
                String costId = costs.get(i);
                String person = "asm-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return verify(asPerson(person, "AFTER_SALES_MANAGER"), id, costId, 0, "VERIFY");
                }));
            }
            long mark = ServerRequests.mark();
            start.countDown();
            for (Future<io.restassured.response.Response> answer : answers) {
                io.restassured.response.Response r = answer.get();
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            }
            ServerRequests.proveOverlap(lines + " cost verifications of one case", mark, "/api/v1/cases/" + id + "/costs");
        } finally {
            pool.shutdownNow();
        }
        List<String> statuses = costLines(id).stream().map(c -> (String) c.get("status")).toList();
        assertThat(statuses).filteredOn("VERIFIED"::equals).hasSize(3);
        assertThat(statuses).filteredOn("AWAITING_GM"::equals).hasSize(5);
    }

    @Test
    void aRejectedTripIsRequestedAgainOrTheVisitCancelled() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        String visit = as("REPAIR").body(visit("ON_SITE_REPAIR", LocalDate.of(2025, 6, 5), "郑州公交三公司停车场")
                        .technician("周工").travelRequired(true).json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201).extract().path("id");
        String base = "/api/v1/cases/" + id + "/visits/" + visit;
        // Refused: the trip is not rejected, so there is nothing to request again; nothing changes.
        List<Object> events = eventIds(id);
        as("REPAIR").header("If-Match", "\"0\"").body(travelRequest(null, "再申请")).post(base + "/travel-request")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:visit_travel_not_rejected"))
                .body("detail", equalTo("出差状态为待审批，只有被驳回的出差才能重新申请。")).body("travelStatus", equalTo("REQUESTED"));
        as("REPAIR").header("If-Match", "\"0\"").header("Accept-Language", "en").body(travelRequest(null, "再申请"))
                .post(base + "/travel-request").then().statusCode(409)
                .body("detail", equalTo("The travel status is requested; only a rejected trip is requested again."));
        as("REPAIR").get(base).then().header("ETag", "\"0\"").body("travelStatus", equalTo("REQUESTED"));
        assertThat(eventIds(id)).isEqualTo(events);

        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("REJECT", "机票过贵，改乘高铁"))
                .post(base + "/travel-approval").then().statusCode(200).body("travelStatus", equalTo("REJECTED"));
        as("REPAIR").header("If-Match", "\"1\"").post(base + "/start").then().statusCode(409);
        as("CUSTOMER").header("If-Match", "\"1\"").body(travelRequest(null, null)).post(base + "/travel-request")
                .then().statusCode(403);
        // Requested again, for a new date: the after-sales manager is asked again and decides afresh.
        as("REPAIR").header("If-Match", "\"1\"").body(travelRequest(LocalDate.of(2025, 6, 9), "改乘高铁，费用减半"))
                .post(base + "/travel-request").then().statusCode(200).body("travelStatus", equalTo("REQUESTED"))
                .body("plannedDate", equalTo("2025-06-09")).body("travelDecidedBy", equalTo(null))
                .body("status", equalTo("PLANNED"));
        assertThat(Sql.count("select count(*) from notice where kind = 'TRAVEL_APPROVAL_REQUESTED' and dedupe_key like ?1",
                "travel-approval:" + visit + "%")).isEqualTo(2);
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + id + "/events").then()
                .body("items.text", hasItem(containsString("改乘高铁，费用减半")));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"2\"").body(decision("APPROVE"))
                .post(base + "/travel-approval").then().statusCode(200).body("travelStatus", equalTo("APPROVED"));
        as("REPAIR").header("If-Match", "\"3\"").post(base + "/start").then().statusCode(200).body("status", equalTo("STARTED"));
        // A started visit is not cancelled.
        as("REPAIR").header("If-Match", "\"4\"").body(cancellation("不去了")).post(base + "/cancellation")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:visit_wrong_status"));

        // The other way out of a rejected trip: the visit is cancelled, with the reason.
        String other = as("REPAIR").body(visit("COMMISSIONING", LocalDate.of(2025, 7, 1), "西安整车厂").technician("吴工")
                        .travelRequired(true).json())
                .post("/api/v1/cases/" + id + "/visits").then().statusCode(201).extract().path("id");
        String otherBase = "/api/v1/cases/" + id + "/visits/" + other;
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("REJECT", "客户可远程调试"))
                .post(otherBase + "/travel-approval").then().statusCode(200);
        events = eventIds(id);
        as("REPAIR").header("If-Match", "\"1\"").body(cancellation(" ")).post(otherBase + "/cancellation")
                .then().statusCode(422).body("errors[0].field", equalTo("reason"));
        as("REPAIR").get(otherBase).then().header("ETag", "\"1\"").body("status", equalTo("PLANNED"))
                .body("cancelReason", equalTo(null));
        assertThat(eventIds(id)).isEqualTo(events);
        as("REPAIR").header("If-Match", "\"1\"").body(cancellation("客户已远程调试成功，无需出差")).post(otherBase + "/cancellation")
                .then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("客户已远程调试成功，无需出差")).body("cancelledBy", equalTo("test-repair"));
        as("REPAIR").header("If-Match", "\"2\"").post(otherBase + "/start").then().statusCode(409);
        as("REPAIR").header("If-Match", "\"2\"").body(travelRequest(null, null)).post(otherBase + "/travel-request")
                .then().statusCode(409);
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + id + "/events").then()
                .body("items.text", hasItem(containsString("客户已远程调试成功，无需出差")));
        as("ADMIN").queryParam("entity", "field-visit").queryParam("id", other).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("CANCEL"));
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
                .body("type", equalTo("urn:problem:aftersales:visit_travel_not_approved"))
                .body("detail", containsString("（当前：待审批）"));
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
        // Page by page (one entry each), following the cursor: the same entries in the same order, then no cursor.
        List<String> kinds = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 4; page++) {
            var answer = as("QUALITY_ENGINEER").queryParam("limit", 1);
            if (cursor != null) {
                answer = answer.queryParam("cursor", cursor);
            }
            var body = answer.get("/api/v1/units/" + w.serial() + "/history").then().statusCode(200)
                    .body("items.size()", equalTo(page < 3 ? 1 : 0)).extract().jsonPath();
            kinds.addAll(body.getList("items.kind"));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        assertThat(kinds).containsExactly("CASE", "VISIT", "COST");
        assertThat(cursor).isNull();
        as("QUALITY_ENGINEER").queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/units/" + w.serial() + "/history")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        // A unit with no records yet answers an empty archive; an unknown serial a 404.
        CaseTestData.World fresh = world("COMMERCIAL_VEHICLE", null);
        as("QUALITY_ENGINEER").get("/api/v1/units/" + fresh.serial() + "/history").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", equalTo(null));
        as("QUALITY_ENGINEER").get("/api/v1/units/NO-SUCH-UNIT-1/history").then().statusCode(404)
                .body("type", containsString("not_found"));
    }
}
