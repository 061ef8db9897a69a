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
    void theWeeklyDigestHoldsWhatEachDepartmentsScopeMatchesAndNothingIsSentWhenNothingDoes() throws Exception {
        // Process follows one model, production one product line and a failure-mode keyword; quality follows a model
        // nothing has. Last week (the clock a week back) three problems change: one of the model, one of the line with
        // the keyword, one of the line without it; this week's problem is in next week's digest.
        String model = Api.unique("PM");
        String keyword = Api.unique("异响");
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(ProblemBodies.scope("PROCESS").productModel(model).json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(200).header("ETag", "\"0\"");
        as("QUALITY_ENGINEER").header("If-None-Match", "*")
                .body(ProblemBodies.scope("PRODUCTION").productLine("MICRO_CAR").failureMode(keyword.toLowerCase()).json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(ProblemBodies.scope("QUALITY").productModel(Api.unique("NONE")).json())
                .put("/api/v1/problem-digests/scopes").then().statusCode(200);
        String process = subscribe("PROCESS");
        String production = subscribe("PRODUCTION");
        String quality = subscribe("QUALITY");

        TestClock.moveTo(Instant.now().minus(Duration.ofDays(7)));
        String ofModel = problem(ProblemBodies.problem("端盖渗油", "密封圈压缩量不足", "更换密封圈", "LOW").productModel(model));
        String ofLineWithKeyword = problem(ProblemBodies.problem("电机" + keyword + "明显", "轴承游隙偏大", "更换轴承", "MEDIUM")
                .productLine("MICRO_CAR"));
        problem(ProblemBodies.problem("控制器过温", "散热硅脂不足", "改进涂覆工艺", "MEDIUM").productLine("MICRO_CAR"));
        TestClock.reset();
        problem(ProblemBodies.problem("端盖渗油（本周）", "密封圈老化", "更换密封圈", "LOW").productModel(model));

        Jobs.fireConcurrently("problem-digest", 10);

        String lastWeek = "select cast(problem_ids as text) from problem_digest where department = ?1 and created_by = 'problem-digest-job'";
        assertThat(Sql.text(lastWeek, "PROCESS")).isEqualTo("{" + ofModel + "}");
        assertThat(Sql.text(lastWeek, "PRODUCTION")).isEqualTo("{" + ofLineWithKeyword + "}");
        assertThat(Sql.count("select count(*) from problem_digest where department = 'QUALITY'")).isZero();
        String notices = "select count(*) from notice where kind = 'PROBLEM_DIGEST' and recipient_subject = ?1";
        assertThat(Sql.count(notices, process)).isEqualTo(1);
        assertThat(Sql.count(notices, production)).isEqualTo(1);
        assertThat(Sql.count(notices, quality)).isZero();
        Jobs.fireConcurrently("problem-digest", 2);
        assertThat(Sql.count("select count(*) from problem_digest where department in ('PROCESS', 'PRODUCTION')")).isEqualTo(2);
        assertThat(Sql.count(notices, process)).isEqualTo(1);
    }

    private static String subscribe(String department) {
        String subscriber = Api.unique(department.toLowerCase());
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(ProblemBodies.subscriber(department, subscriber, "订阅 " + subscriber).json())
                .put("/api/v1/problem-digests/subscribers").then().statusCode(200);
        return subscriber;
    }

    private static String problem(ProblemBodies.Problem body) {
        return as("ENGINEER").body(body.json()).post("/api/v1/problems").then().statusCode(201).extract().path("id");
    }
}
