package com.aftersales.cases;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.aftersales.cases.CaseFixtures.move;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.CaseBodies.actionPlan;
import static com.aftersales.support.CaseBodies.assignTo;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.major;
import static com.aftersales.support.CaseBodies.note;
import static com.aftersales.support.CaseBodies.transition;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CaseWorkflowTest {

    /** The status graph, walked over HTTP: every allowed edge works, every other edge is 409 and changes nothing. */
    @Test
    void everyAllowedAndForbiddenTransition() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        Map<CaseStatus, List<CaseStatus>> pathTo = Map.of(
                CaseStatus.NEW, List.of(),
                CaseStatus.ACKNOWLEDGED, List.of(CaseStatus.ACKNOWLEDGED),
                CaseStatus.INVESTIGATING, List.of(CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING),
                CaseStatus.RESOLVING, List.of(CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING, CaseStatus.RESOLVING),
                CaseStatus.RESOLVED, List.of(CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING, CaseStatus.RESOLVING,
                        CaseStatus.RESOLVED),
                CaseStatus.CLOSED, List.of(CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING, CaseStatus.RESOLVING,
                        CaseStatus.RESOLVED, CaseStatus.CLOSED),
                CaseStatus.REJECTED, List.of(CaseStatus.REJECTED),
                CaseStatus.REOPENED, List.of(CaseStatus.REJECTED, CaseStatus.REOPENED));
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                String id = CaseFixtures.openId(w);
                int version = 0;
                for (CaseStatus step : pathTo.get(from)) {
                    version = move("QUALITY_ENGINEER", id, version, step.name());
                }
                var response = as("QUALITY_ENGINEER").header("If-Match", "\"" + version + "\"")
                        .body(transition(to.name(), "理由"))
                        .post("/api/v1/cases/" + id + "/transitions");
                if (from.canMoveTo(to)) {
                    response.then().statusCode(200).body("status", equalTo(to.name()));
                } else {
                    response.then().statusCode(409).contentType("application/problem+json")
                            .body("type", equalTo("urn:problem:aftersales:case_transition_not_allowed"));
                    Set<String> allowed = new java.util.HashSet<>(response.jsonPath().getList("allowedTransitions"));
                    org.assertj.core.api.Assertions.assertThat(allowed)
                            .isEqualTo(from.next().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
                    as("QUALITY_ENGINEER").get("/api/v1/cases/" + id).then().body("status", equalTo(from.name()));
                }
            }
        }
    }

    @Test
    void transitionsAreTimedAuditedAndNeedTheCurrentVersion() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        as("AFTER_SALES_MANAGER").body(transition("ACKNOWLEDGED")).post("/api/v1/cases/" + id + "/transitions").then().statusCode(428);
        // Not the owner (AFTER_SALES_MANAGER routed it), not its manager, QE, GM or ADMIN: 403, nothing changed.
        as("SALES").header("If-Match", "\"0\"").body(transition("ACKNOWLEDGED", "已联系客户"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:case_actor_not_allowed"));
        as("SALES").get("/api/v1/cases/" + id).then().body("status", equalTo("NEW")).header("ETag", "\"0\"");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(transition("ACKNOWLEDGED", "已联系客户"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200)
                .body("firstRespondedAt", notNullValue());
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(transition("INVESTIGATING"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(412);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"1\"").body(transition("REJECTED"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(422).body("errors[0].field", equalTo("comment"));
        as("SALES").get("/api/v1/cases/" + id + "/events").then().statusCode(200)
                .body("items.kind", equalTo(List.of("OPENED", "TRANSITION")))
                .body("items[1].text", equalTo("已联系客户"))
                .body("items[1].toStatus", equalTo("ACKNOWLEDGED"));
        as("ADMIN").queryParam("entity", "case").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("TRANSITION"))
                .body("items[0].before.status", equalTo("NEW")).body("items[0].after.status", equalTo("ACKNOWLEDGED"));
        as("WAREHOUSE").header("If-Match", "\"1\"").body(transition("INVESTIGATING"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(403);
    }

    @Test
    void reopeningAClosedCaseCountsAsARepeatFailure() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        int v = 0;
        for (String s : new String[]{"ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED"}) {
            v = move("AFTER_SALES_MANAGER", id, v, s);
        }
        as("SALES").get("/api/v1/cases/" + id).then().body("closedAt", notNullValue()).body("reopenCount", equalTo(0));
        move("AFTER_SALES_MANAGER", id, v, "REOPENED");
        as("SALES").get("/api/v1/cases/" + id).then().body("status", equalTo("REOPENED"))
                .body("reopenCount", equalTo(1)).body("closedAt", equalTo(null));
    }

    @Test
    void aMajorCaseWaitsForTheGeneralManager() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        int v = move("AFTER_SALES_MANAGER", id, 0, "ACKNOWLEDGED");
        v = move("AFTER_SALES_MANAGER", id, v, "INVESTIGATING");
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(major("车辆起火，媒体关注，涉及财产损失")).post("/api/v1/cases/" + id + "/major")
                .then().statusCode(200).body("major", equalTo(true)).body("approvalStatus", equalTo("PLAN_MISSING"))
                .extract().header("ETag"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(transition("RESOLVING"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:case_needs_gm_approval"));
        as("GENERAL_MANAGER").header("If-Match", "\"" + v + "\"").body(decision("APPROVE"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(409);
        v = version(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"")
                .body(actionPlan("召回同批次控制器，更换熔断器，48 小时内完成")).put("/api/v1/cases/" + id + "/action-plan")
                .then().statusCode(200).body("approvalStatus", equalTo("PENDING")).extract().header("ETag"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(decision("APPROVE"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(403);
        v = version(as("GENERAL_MANAGER").header("If-Match", "\"" + v + "\"").body(decision("REJECT", "方案不充分"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(200)
                .body("approvalStatus", equalTo("REJECTED")).extract().header("ETag"));
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(transition("RESOLVING"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(409);
        v = version(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"")
                .body(actionPlan("召回同批次控制器，更换熔断器并加装温度监控")).put("/api/v1/cases/" + id + "/action-plan")
                .then().statusCode(200).extract().header("ETag"));
        v = version(as("GENERAL_MANAGER").header("If-Match", "\"" + v + "\"").body(decision("APPROVE", "同意"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(200)
                .body("approvalStatus", equalTo("APPROVED")).extract().header("ETag"));
        move("AFTER_SALES_MANAGER", id, v, "RESOLVING");
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + id + "/events").then()
                .body("items.kind", hasItems("MAJOR", "ACTION_PLAN", "APPROVAL"));
    }

    @Test
    void handOverAndNotesWithVisibility() {
        CaseTestData.World w = world("PASSENGER_CAR", null);
        String id = CaseFixtures.openId(w);
        as("SALES_MANAGER").header("If-Match", "\"0\"").body(assignTo("li.lei").comment("请跟进").json())
                .post("/api/v1/cases/" + id + "/assignment").then().statusCode(200)
                .body("ownerPerson", equalTo("li.lei")).body("ownerRole", equalTo("SALES_MANAGER"));
        as("SALES_MANAGER").header("If-Match", "\"1\"").body(assignTo("qe.zhao").ownerRole("QUALITY_ENGINEER").json())
                .post("/api/v1/cases/" + id + "/assignment").then().statusCode(200).body("ownerRole", equalTo("QUALITY_ENGINEER"));
        as("SALES").header("If-Match", "\"2\"").body(assignTo("me").json())
                .post("/api/v1/cases/" + id + "/assignment").then().statusCode(403);
        as("QUALITY_ENGINEER").body(note("初步判断为轴承问题", "INTERNAL"))
                .post("/api/v1/cases/" + id + "/notes").then().statusCode(201).body("visibility", equalTo("INTERNAL"));
        as("QUALITY_ENGINEER").body(note("已安排工程师上门", "CUSTOMER"))
                .post("/api/v1/cases/" + id + "/notes").then().statusCode(201);
        java.util.UUID customer = java.util.UUID.fromString(w.customerId());
        asCustomer(customer).body(note("请尽快处理", "INTERNAL"))
                .post("/api/v1/cases/" + id + "/notes").then().statusCode(201).body("visibility", equalTo("CUSTOMER"));
        asCustomer(customer).get("/api/v1/cases/" + id + "/events").then().statusCode(200)
                .body("items.text", hasItem("已安排工程师上门"))
                .body("items.text", not(hasItem("初步判断为轴承问题")))
                .body("items.kind", not(hasItem("ASSIGNMENT")));
        asCustomer(customer).get("/api/v1/cases/" + id).then().body("ownerPerson", equalTo(null));
        as("SALES").get("/api/v1/cases/" + id + "/events").then().body("items.text", hasItem("初步判断为轴承问题"));
    }

    /** A person leaves: their unfinished cases go to another owner in one step, by the rules of one hand-over. */
    @Test
    void aLeaversUnfinishedCasesAreHandedOverInBulk() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String leaver = com.aftersales.support.Api.unique("leaver").toLowerCase();
        List<String> ids = List.of(CaseFixtures.openId(w), CaseFixtures.openId(w), CaseFixtures.openId(w));
        for (String id : ids) {
            as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(assignTo(leaver).json())
                    .post("/api/v1/cases/" + id + "/assignment").then().statusCode(200);
        }
        String done = ids.get(2);
        int v = 1;
        for (String s : List.of("ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED")) {
            v = move("AFTER_SALES_MANAGER", done, v, s);
        }
        String body = com.aftersales.support.JsonBody.of("fromPerson", leaver, "toPerson", "wang.wu", "comment", "李雷离职");
        // Not allowed to act on these cases (owner person, manager AFTER_SALES_MANAGER, QE, GM, ADMIN): nothing changes.
        as("SALES_MANAGER").body(body).post("/api/v1/cases/reassignment").then().statusCode(403)
                .body("type", equalTo("urn:problem:aftersales:case_actor_not_allowed"));
        as("SALES").body(body).post("/api/v1/cases/reassignment").then().statusCode(403);
        as("AFTER_SALES_MANAGER").body(com.aftersales.support.JsonBody.of("fromPerson", leaver))
                .post("/api/v1/cases/reassignment").then().statusCode(422);
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + ids.get(0)).then().body("ownerPerson", equalTo(leaver))
                .header("ETag", "\"1\"");
        as("AFTER_SALES_MANAGER").body(body).post("/api/v1/cases/reassignment").then().statusCode(200)
                .body("reassigned", equalTo(2)).body("caseIds", org.hamcrest.Matchers.containsInAnyOrder(ids.get(0), ids.get(1)));
        for (String id : ids.subList(0, 2)) {
            as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + id).then().body("ownerPerson", equalTo("wang.wu"))
                    .header("ETag", "\"2\"");
            as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + id + "/events").then()
                    .body("items.text", hasItem("AFTER_SALES_MANAGER / wang.wu: 李雷离职"));
        }
        as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + done).then().body("ownerPerson", equalTo(leaver))
                .body("status", equalTo("CLOSED"));
    }

    static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }

}
