package com.aftersales.jobs;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.ProblemBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.Jobs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class MoreJobsTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void overdueEightDItemsGoToTheOwnerThenEscalate() throws Exception {
        String owner = Api.unique("owner");
        String report = com.aftersales.eightd.EightDTest.open(CaseTestData.openCase(CaseTestData.world("SYSTEM")));
        as("ENGINEER").header("If-Match", "\"0\"").body(EightDBodies.action("CORRECTIVE", "修改工装", owner, TODAY).json())
                .post("/api/v1/eight-d-reports/" + report + "/actions").then().statusCode(200);
        String ownerCount = "select count(*) from notice where kind = ?1 and payload ->> 'reportNo' = "
                + "(select report_no from eight_d_report where id = cast(?2 as uuid)) and payload ->> 'item' like 'CORRECTIVE%'";
        Jobs.fireConcurrently("eight-d-overdue", 10);
        assertThat(Sql.count(ownerCount, "EIGHT_D_OVERDUE", report)).isZero();
        move("update eight_d_action set due_date = due_date - 2 where report_id = cast(?1 as uuid)", report);
        Jobs.fireConcurrently("eight-d-overdue", 10);
        assertThat(Sql.count(ownerCount, "EIGHT_D_OVERDUE", report)).isEqualTo(1);
        assertThat(Sql.count(ownerCount, "EIGHT_D_ESCALATION", report)).isZero();
        assertThat(Sql.count("select count(*) from notice where recipient_subject = ?1", owner)).isEqualTo(1);
        move("update eight_d_action set due_date = due_date - 5 where report_id = cast(?1 as uuid)", report);
        Jobs.fireConcurrently("eight-d-overdue", 10);
        assertThat(Sql.count(ownerCount, "EIGHT_D_ESCALATION", report)).isEqualTo(1);
    }

    @Test
    void theWeeklyDigestIsIssuedOncePerDepartmentAndWeekWithANoticePerSubscriber() throws Exception {
        String subscriber = Api.unique("proc");
        as("QUALITY_ENGINEER").body(ProblemBodies.subscriber("PROCESS", subscriber, "工艺 " + subscriber).json())
                .put("/api/v1/problem-digests/subscribers").then().statusCode(200);
        Jobs.fireConcurrently("problem-digest", 10);
        assertThat(Sql.count("select count(*) from notice where kind = 'PROBLEM_DIGEST' and recipient_subject = ?1", subscriber))
                .isEqualTo(1);
        assertThat(Sql.count("select count(*) from problem_digest where department = 'PROCESS' and period_to = "
                + "(select max(period_to) from problem_digest where department = 'PROCESS')")).isEqualTo(1);
    }

    static void move(String sql, String id) {
        QuarkusTransaction.requiringNew().run(() -> CDI.current().select(EntityManager.class).get()
                .createNativeQuery(sql).setParameter(1, id).executeUpdate());
    }
}
