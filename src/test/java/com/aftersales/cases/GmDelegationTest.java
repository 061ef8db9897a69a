package com.aftersales.cases;

import com.aftersales.support.Api;
import com.aftersales.support.JsonBody;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static com.aftersales.cases.CaseCostAndVisitTest.costStatus;
import static com.aftersales.cases.CaseCostAndVisitTest.eventIds;
import static com.aftersales.cases.CaseCostAndVisitTest.submit;
import static com.aftersales.cases.CaseCostAndVisitTest.verify;
import static com.aftersales.cases.CaseFixtures.move;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asPerson;
import static com.aftersales.support.CaseBodies.actionPlan;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.major;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The general manager delegates approvals to a named deputy for a period (issue 19 clarification, docs/security.md,
 * Delegated approvals): only a GENERAL_MANAGER creates one; the deputy may do what only the GM may do while it is in
 * force (before its period, after it and once revoked: 403, nothing changed); the record says on whose behalf.
 */
@QuarkusTest
class GmDelegationTest {

    static final String GM = Api.subject("GENERAL_MANAGER");

    static String delegation(String deputy, OffsetDateTime from, OffsetDateTime to, String reason) {
        return JsonBody.of("deputy", deputy, "from", from.toString(), "to", to.toString(), "reason", reason);
    }

    /** Creates a delegation as the general manager and returns its id. */
    static String delegate(String deputy, OffsetDateTime from, OffsetDateTime to) {
        return as("GENERAL_MANAGER").body(delegation(deputy, from, to, "出差期间代为审批")).post("/api/v1/gm-delegations")
                .then().statusCode(201).body("delegator", equalTo(GM)).body("deputy", equalTo(deputy))
                .extract().path("id");
    }

    static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }

    /** A major case in INVESTIGATING whose action plan waits for the general manager; its version. */
    static int pendingMajorCase(String id) {
        int v = move("AFTER_SALES_MANAGER", id, 0, "ACKNOWLEDGED");
        v = move("AFTER_SALES_MANAGER", id, v, "INVESTIGATING");
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(major("车辆起火，媒体关注"))
                .post("/api/v1/cases/" + id + "/major").then().statusCode(200).extract().header("ETag"));
        return version(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(actionPlan("更换同批次控制器"))
                .put("/api/v1/cases/" + id + "/action-plan").then().statusCode(200)
                .body("approvalStatus", equalTo("PENDING")).extract().header("ETag"));
    }

    /** The deputy's approval is refused (403 in the caller's language) and the case, its version and timeline stay. */
    static void approvalRefused(RequestSpecification deputy, String id, int v) {
        List<Object> events = eventIds(id);
        deputy.header("If-Match", "\"" + v + "\"").header("Accept-Language", "en").body(decision("APPROVE", "同意"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:gm_authority_required"))
                .body("detail", containsString("deputy of a delegation in force"));
        as("ADMIN").get("/api/v1/cases/" + id).then().header("ETag", "\"" + v + "\"")
                .body("approvalStatus", equalTo("PENDING")).body("approvalDecidedBy", equalTo(null));
        assertThat(eventIds(id)).isEqualTo(events);
    }

    @Test
    void onlyTheGeneralManagerDelegatesAndNothingIsCreatedByARefusedRequest() {
        String deputy = Api.unique("deputy");
        OffsetDateTime now = TestClock.now();
        String body = delegation(deputy, now, now.plusDays(7), "年假");
        for (String role : List.of("ADMIN", "AFTER_SALES_MANAGER", "SALES_MANAGER", "QUALITY_ENGINEER")) {
            as(role).body(body).post("/api/v1/gm-delegations").then().statusCode(403);
        }
        // To oneself, an empty period, a period already over, no reason: 422 on the field, in the caller's language.
        as("GENERAL_MANAGER").header("Accept-Language", "en").body(delegation(GM, now, now.plusDays(1), "年假"))
                .post("/api/v1/gm-delegations").then().statusCode(422).body("errors[0].field", equalTo("deputy"))
                .body("errors[0].message", containsString("another person"));
        as("GENERAL_MANAGER").body(delegation(deputy, now, now, "年假")).post("/api/v1/gm-delegations")
                .then().statusCode(422).body("errors[0].field", equalTo("to"))
                .body("errors[0].message", equalTo("授权期限的结束时间须晚于开始时间"));
        as("GENERAL_MANAGER").body(delegation(deputy, now.minusDays(3), now.minusDays(1), "年假")).post("/api/v1/gm-delegations")
                .then().statusCode(422).body("errors[0].field", equalTo("to"));
        as("GENERAL_MANAGER").body(JsonBody.of("deputy", deputy, "from", now.toString(), "to", now.plusDays(1).toString()))
                .post("/api/v1/gm-delegations").then().statusCode(422).body("errors[0].field", equalTo("reason"));
        as("GENERAL_MANAGER").queryParam("deputy", deputy).get("/api/v1/gm-delegations").then().statusCode(200)
                .body("items.size()", equalTo(0));

        String id = delegate(deputy, now, now.plusDays(7));
        // GM and ADMIN see it; the deputy sees the delegations naming them; other staff see none of them.
        as("ADMIN").get("/api/v1/gm-delegations/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("status", equalTo("IN_FORCE")).body("reason", equalTo("出差期间代为审批"));
        asPerson(deputy, "SALES_MANAGER").get("/api/v1/gm-delegations").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        asPerson(deputy, "SALES_MANAGER").get("/api/v1/gm-delegations/" + id).then().statusCode(200);
        as("SALES_MANAGER").get("/api/v1/gm-delegations/" + id).then().statusCode(404);
        as("SALES_MANAGER").get("/api/v1/gm-delegations").then().statusCode(200).body("items.id", not(hasItem(id)));
        as("ADMIN").queryParam("entity", "gm-delegation").queryParam("id", id).get("/api/v1/audit").then()
                .body("items.action", equalTo(List.of("CREATE")));
    }

    @Test
    void theDeputyApprovesAMajorCasesPlanOnlyWhileTheDelegationIsInForceOnTheGeneralManagersBehalf() {
        String deputy = Api.unique("deputy");
        RequestSpecification asDeputy = asPerson(deputy, "SALES_MANAGER");
        String id = CaseFixtures.openId(world("COMMERCIAL_VEHICLE", null));
        int v = pendingMajorCase(id);
        // No delegation yet: 403, nothing changes.
        approvalRefused(asPerson(deputy, "SALES_MANAGER"), id, v);

        // From tomorrow for a week: not in force yet.
        OffsetDateTime now = TestClock.now();
        String delegationId = delegate(deputy, now.plusDays(1), now.plusDays(8));
        as("GENERAL_MANAGER").get("/api/v1/gm-delegations/" + delegationId).then().body("status", equalTo("SCHEDULED"));
        approvalRefused(asPerson(deputy, "SALES_MANAGER"), id, v);

        // In its period: the deputy decides, and the record says on whose behalf.
        TestClock.advance(Duration.ofDays(2));
        v = version(asDeputy.header("If-Match", "\"" + v + "\"").body(decision("REJECT", "方案不充分"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(200)
                .body("approvalStatus", equalTo("REJECTED")).body("approvalDecidedBy", equalTo(deputy))
                .body("approvalOnBehalfOf", equalTo(GM)).extract().header("ETag"));
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + id + "/events").then()
                .body("items.find { it.kind == 'APPROVAL' }.text", containsString("代总经理 " + GM))
                .body("items.find { it.kind == 'APPROVAL' }.actor", equalTo(deputy));
        as("ADMIN").queryParam("entity", "gm-delegation").queryParam("id", delegationId).get("/api/v1/audit").then()
                .body("items[0].action", equalTo("DEPUTY_ACT")).body("items[0].after.action", equalTo("CASE_APPROVAL"))
                .body("items[0].after.entityId", equalTo(id)).body("items[0].after.onBehalfOf", equalTo(GM));
        // A new plan resets who decided.
        v = version(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(actionPlan("更换控制器并加装温度监控"))
                .put("/api/v1/cases/" + id + "/action-plan").then().statusCode(200)
                .body("approvalStatus", equalTo("PENDING")).body("approvalDecidedBy", equalTo(null)).extract().header("ETag"));
        // The deputy in force is asked with the general manager (the first plan, before the period, asked the GM only).
        assertThat(com.aftersales.support.Sql.count("select count(*) from notice where kind = 'GM_APPROVAL_REQUESTED' "
                + "and recipient_subject = ?1 and payload ->> 'caseId' = ?2", deputy, id)).isEqualTo(1);
        assertThat(com.aftersales.support.Sql.count("select count(*) from notice where kind = 'GM_APPROVAL_REQUESTED' "
                + "and recipient_role = 'GENERAL_MANAGER' and payload ->> 'caseId' = ?1", id)).isEqualTo(2);

        // After the period: 403 again.
        TestClock.advance(Duration.ofDays(7));
        approvalRefused(asPerson(deputy, "SALES_MANAGER"), id, v);

        // Back inside the period, revoked (If-Match; GENERAL_MANAGER or ADMIN): 403 from then on.
        TestClock.reset();
        TestClock.advance(Duration.ofDays(3));
        as("ADMIN").body(JsonBody.of("reason", "代理人离职")).post("/api/v1/gm-delegations/" + delegationId + "/revocation")
                .then().statusCode(428);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(JsonBody.of("reason", "代理人离职"))
                .post("/api/v1/gm-delegations/" + delegationId + "/revocation").then().statusCode(403);
        asPerson(deputy, "SALES_MANAGER").header("If-Match", "\"0\"").body(JsonBody.of("reason", "x"))
                .post("/api/v1/gm-delegations/" + delegationId + "/revocation").then().statusCode(403);
        as("ADMIN").header("If-Match", "\"5\"").body(JsonBody.of("reason", "代理人离职"))
                .post("/api/v1/gm-delegations/" + delegationId + "/revocation").then().statusCode(412);
        as("GENERAL_MANAGER").get("/api/v1/gm-delegations/" + delegationId).then().body("status", equalTo("IN_FORCE"));
        as("ADMIN").header("If-Match", "\"0\"").body(JsonBody.of("reason", "代理人离职"))
                .post("/api/v1/gm-delegations/" + delegationId + "/revocation").then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("REVOKED")).body("revokedBy", equalTo(Api.subject("ADMIN")))
                .body("revokeReason", equalTo("代理人离职"));
        as("GENERAL_MANAGER").header("If-Match", "\"1\"").body(JsonBody.of())
                .post("/api/v1/gm-delegations/" + delegationId + "/revocation").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:gm_delegation_over"));
        approvalRefused(asPerson(deputy, "SALES_MANAGER"), id, v);
        as("ADMIN").queryParam("entity", "gm-delegation").queryParam("id", delegationId).get("/api/v1/audit").then()
                .body("items[0].action", equalTo("REVOKE"));

        // The general manager in their own right: no one on whose behalf.
        as("GENERAL_MANAGER").header("If-Match", "\"" + v + "\"").body(decision("APPROVE", "同意"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(200).body("approvalStatus", equalTo("APPROVED"))
                .body("approvalDecidedBy", equalTo(GM)).body("approvalOnBehalfOf", equalTo(null));
    }

    @Test
    void theDeputyApprovesCostLinesAboveTheThresholdButNotOnesTheyVerifiedAndFilesRecalls() {
        // Threshold 10,000.00 CNY (application.properties). The deputy is an after-sales manager too.
        String deputy = Api.unique("deputy");
        String id = CaseFixtures.openId(world("COMMERCIAL_VEHICLE", null));
        String big = submit(id, "SALES", "PARTS", "30000");
        String verifiedByDeputy = submit(id, "SALES", "LABOUR", "20000");
        verify(as("AFTER_SALES_MANAGER"), id, big, 0, "VERIFY").then().statusCode(200).body("status", equalTo("AWAITING_GM"));
        verify(asPerson(deputy, "AFTER_SALES_MANAGER"), id, verifiedByDeputy, 0, "VERIFY").then().statusCode(200)
                .body("status", equalTo("AWAITING_GM"));
        List<Object> events = eventIds(id);
        verify(asPerson(deputy, "AFTER_SALES_MANAGER"), id, big, 1, "VERIFY").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:cost_needs_general_manager"));
        assertThat(costStatus(id, big)).isEqualTo("AWAITING_GM");

        OffsetDateTime now = TestClock.now();
        String delegationId = delegate(deputy, now.minusHours(1), now.plusDays(1));
        // Four eyes: the line the deputy verified is approved by someone else.
        verify(asPerson(deputy, "AFTER_SALES_MANAGER"), id, verifiedByDeputy, 1, "VERIFY").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:cost_verifier_approves"));
        assertThat(costStatus(id, verifiedByDeputy)).isEqualTo("AWAITING_GM");
        verify(asPerson(deputy, "AFTER_SALES_MANAGER"), id, big, 1, "VERIFY").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("gmApprovedBy", equalTo(deputy)).body("gmOnBehalfOf", equalTo(GM));
        verify(as("GENERAL_MANAGER"), id, verifiedByDeputy, 1, "VERIFY").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("gmApprovedBy", equalTo(GM)).body("gmOnBehalfOf", equalTo(null));
        assertThat(eventIds(id)).isEqualTo(events);

        // Filing a recall plan: the deputy while in force; someone without a delegation 403 and the draft stays.
        String recall = as("QUALITY_ENGINEER").body(RecallBodies.campaign(RecallBodies.criteria().productModel(Api.unique("RM")))
                .filingReference(Api.unique("SAMR")).json()).post("/api/v1/recalls").then().statusCode(201).extract().path("id");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing()).post("/api/v1/recalls/" + recall + "/filing")
                .then().statusCode(403).body("type", equalTo("urn:problem:aftersales:gm_authority_required"));
        as("QUALITY_ENGINEER").get("/api/v1/recalls/" + recall).then().header("ETag", "\"0\"").body("status", equalTo("DRAFT"));
        asPerson(deputy, "AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing())
                .post("/api/v1/recalls/" + recall + "/filing").then().statusCode(200).body("status", equalTo("FILED"));
        as("ADMIN").queryParam("entity", "gm-delegation").queryParam("id", delegationId).get("/api/v1/audit").then()
                .body("items.action", equalTo(List.of("DEPUTY_ACT", "DEPUTY_ACT", "CREATE")))
                .body("items[0].after.action", equalTo("RECALL_FILING")).body("items[0].after.deputy", equalTo(deputy))
                .body("items[1].after.action", equalTo("COST_APPROVAL")).body("items[1].after.entityId", equalTo(big));
    }
}
