package com.aftersales.jobs;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.ProblemBodies;
import com.aftersales.support.Sql;
import com.aftersales.support.Jobs;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class MoreJobsTest {

    @Test
    @Tag("concurrency")
    void overdueEightDItemsGoToTheOwnerThenEscalate() throws Exception {
        // The report and its action are made a week ago, and the jobs run as the days pass: 2 and 7 days overdue. Runs
        // in the past find no more than a run today would (every other item was made later).
        Instant started = Instant.now();
        TestClock.moveTo(started.minus(Duration.ofDays(7)));
        String owner = Api.unique("owner");
        String report = com.aftersales.eightd.EightDTest.open(CaseTestData.openCase(CaseTestData.world("SYSTEM")));
        as("ENGINEER").header("If-Match", "\"0\"").body(EightDBodies.action("CORRECTIVE", "修改工装", owner, today()).json())
                .post("/api/v1/eight-d-reports/" + report + "/actions").then().statusCode(200);
        String ownerCount = "select count(*) from notice where kind = ?1 and payload ->> 'reportNo' = "
                + "(select report_no from eight_d_report where id = cast(?2 as uuid)) and payload ->> 'item' like 'CORRECTIVE%'";
        Jobs.fireConcurrently("eight-d-overdue", 10);
        assertThat(Sql.count(ownerCount, "EIGHT_D_OVERDUE", report)).isZero();
        TestClock.moveTo(started.minus(Duration.ofDays(5)));
        Jobs.fireConcurrently("eight-d-overdue", 10);
        assertThat(Sql.count(ownerCount, "EIGHT_D_OVERDUE", report)).isEqualTo(1);
        assertThat(Sql.count(ownerCount, "EIGHT_D_ESCALATION", report)).isZero();
        assertThat(Sql.count("select count(*) from notice where recipient_subject = ?1", owner)).isEqualTo(1);
        TestClock.reset();
        Jobs.fireConcurrently("eight-d-overdue", 10);
        assertThat(Sql.count(ownerCount, "EIGHT_D_ESCALATION", report)).isEqualTo(1);
    }

    @Test
    @Tag("concurrency")
    void theWeeklyDigestIsIssuedOncePerDepartmentAndWeekWithANoticePerSubscriber() throws Exception {
        String subscriber = Api.unique("proc");
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(ProblemBodies.subscriber("PROCESS", subscriber, "工艺 " + subscriber).json())
                .put("/api/v1/problem-digests/subscribers").then().statusCode(200);
        Jobs.fireConcurrently("problem-digest", 10);
        assertThat(Sql.count("select count(*) from notice where kind = 'PROBLEM_DIGEST' and recipient_subject = ?1", subscriber))
                .isEqualTo(1);
        assertThat(Sql.count("select count(*) from problem_digest where department = 'PROCESS' and period_to = "
                + "(select max(period_to) from problem_digest where department = 'PROCESS')")).isEqualTo(1);
    }
}
