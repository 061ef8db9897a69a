package com.aftersales.followup;

import com.aftersales.support.CaseBodies;
import com.aftersales.support.Sql;
import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Jobs;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.FollowUpBodies.contacted;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class FollowUpTest {

    static String closedCase() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        String id = CaseTestData.openCase(w);
        int v = 0;
        for (String s : new String[]{"ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED"}) {
            v = Integer.parseInt(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(CaseBodies.transition(s))
                    .post("/api/v1/cases/" + id + "/transitions").then().statusCode(200).extract().header("ETag").replace("\"", ""));
        }
        return id;
    }

    @Test
    void untilTheCustomerIsSatisfiedWithEscalation() throws Exception {
        String caseId = closedCase();
        Jobs.fireConcurrently("follow-up", 10);
        List<Map<String, Object>> rounds = as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups")
                .then().statusCode(200).extract().path("");
        assertThat(rounds).hasSize(1);
        assertThat(rounds.get(0).get("dueDate")).isEqualTo(today().plusDays(7).toString());
        String first = (String) rounds.get(0).get("id");
        as("SALES").header("If-Match", "\"0\"").body(contacted(null, false).json())
                .put("/api/v1/follow-ups/" + first).then().statusCode(422).body("errors[0].field", equalTo("satisfaction"));
        as("SALES").header("If-Match", "\"0\"").body(contacted(2, false).comments("维修太慢").json())
                .put("/api/v1/follow-ups/" + first).then().statusCode(200).body("status", equalTo("DONE"));
        as("SALES").header("If-Match", "\"1\"").body(contacted(2, false).json())
                .put("/api/v1/follow-ups/" + first).then().statusCode(409);
        String second = as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups")
                .then().body("size()", equalTo(2)).extract().path("find { it.round == 2 }.id");
        as("SALES").header("If-Match", "\"0\"").body(contacted(3, false).json())
                .put("/api/v1/follow-ups/" + second).then().statusCode(200);
        // The owner's manager hears of it: the after-sales manager (the general manager when that is the owner).
        assertThat(Sql.count("select count(*) from notice n join service_case c on c.case_no = n.payload ->> 'caseNo' "
                + "where n.kind = 'FOLLOW_UP_UNSATISFIED' and c.id = cast(?1 as uuid) and n.recipient_role = "
                + "case when c.owner_role = 'AFTER_SALES_MANAGER' then 'GENERAL_MANAGER' else 'AFTER_SALES_MANAGER' end", caseId))
                .isEqualTo(1);
        String third = as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups")
                .then().body("size()", equalTo(3)).extract().path("find { it.round == 3 }.id");
        as("SALES").header("If-Match", "\"0\"").body(contacted(5, true).json())
                .put("/api/v1/follow-ups/" + third).then().statusCode(200).body("satisfied", equalTo(true));
        as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then().body("size()", equalTo(3));
        as("WAREHOUSE").header("If-Match", "\"1\"").body(contacted(5, true).json())
                .put("/api/v1/follow-ups/" + third).then().statusCode(403);
    }

    @Test
    void overdueFollowUpsEscalateToTheOwner() throws Exception {
        // Closed ten days ago: its follow-up was due three days ago.
        TestClock.advance(Duration.ofDays(-10));
        String caseId = closedCase();
        TestClock.reset();
        as("ADMIN").post("/api/v1/admin/jobs/follow-up/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        Jobs.fireConcurrently("follow-up", 10);
        assertThat(Sql.count("select count(*) from notice where kind = 'FOLLOW_UP_OVERDUE' and recipient_role = 'AFTER_SALES_MANAGER' "
                + "and payload ->> 'caseNo' = (select case_no from service_case where id = cast(?1 as uuid))", caseId)).isEqualTo(1);
        as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then().body("[0].overdue", equalTo(true));
    }

    /**
     * A reopened case's open follow-up is cancelled, not escalated, and cannot be recorded; closing the case again gets
     * a round of its own, due 7 days after that closing.
     */
    @Test
    void everyClosingGetsItsOwnRoundAndAReopenedCasesOpenFollowUpIsCancelled() throws Exception {
        // Closed ten days ago: its follow-up fell due three days ago.
        TestClock.advance(Duration.ofDays(-10));
        String caseId = closedCase();
        Jobs.fireConcurrently("follow-up", 3);
        TestClock.reset();
        String first = as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo("DUE")).extract().path("[0].id");
        int v = as("AFTER_SALES_MANAGER").get("/api/v1/cases/" + caseId).then().extract().path("version");
        // A reopening that is refused (a stale version; a role that may not act on the case) cancels nothing.
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + (v - 1) + "\"").body(CaseBodies.transition("REOPENED", "故障复现"))
                .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(412);
        as("WAREHOUSE").header("If-Match", "\"" + v + "\"").body(CaseBodies.transition("REOPENED", "故障复现"))
                .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(403);
        as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo("DUE")).body("[0].version", equalTo(0));
        v = Integer.parseInt(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(CaseBodies.transition("REOPENED", "故障复现"))
                .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(200).extract().header("ETag").replace("\"", ""));
        // Cancelled at the reopening itself, before any run of the follow-up job, and audited.
        as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo("CANCELLED")).body("[0].overdue", equalTo(false))
                .body("[0].version", equalTo(1));
        as("ADMIN").queryParam("entity", "follow-up").queryParam("id", first).get("/api/v1/audit").then().statusCode(200)
                .body("items[0].action", equalTo("CANCEL"));
        Jobs.fireConcurrently("follow-up", 3);
        as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo("CANCELLED")).body("[0].version", equalTo(1));
        assertThat(Sql.count("select count(*) from notice where kind = 'FOLLOW_UP_OVERDUE' "
                + "and payload ->> 'caseNo' = (select case_no from service_case where id = cast(?1 as uuid))", caseId)).isZero();
        as("SALES").header("If-Match", "\"1\"").body(contacted(5, true).json())
                .put("/api/v1/follow-ups/" + first).then().statusCode(409);

        for (String s : new String[]{"ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED", "CLOSED"}) {
            v = Integer.parseInt(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(CaseBodies.transition(s))
                    .post("/api/v1/cases/" + caseId + "/transitions").then().statusCode(200).extract().header("ETag").replace("\"", ""));
        }
        Jobs.fireConcurrently("follow-up", 3);
        List<Map<String, Object>> rounds = as("SALES").queryParam("caseId", caseId).get("/api/v1/follow-ups")
                .then().statusCode(200).extract().path("");
        assertThat(rounds).extracting(r -> r.get("round") + " " + r.get("status"))
                .containsExactlyInAnyOrder("1 CANCELLED", "2 DUE");
        assertThat(rounds).filteredOn(r -> "DUE".equals(r.get("status")))
                .extracting(r -> r.get("dueDate")).containsExactly(today().plusDays(7).toString());
    }
}
