package com.aftersales.eightd;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.TestClock;

import java.time.LocalDate;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.EightDBodies.action;
import static com.aftersales.support.EightDBodies.actionUpdate;
import static com.aftersales.support.EightDBodies.discipline;
import static com.aftersales.support.EightDBodies.update;

/** A closed 8D report made through the API, for tests of other areas. */
public final class EightDTestData {

    private EightDTestData() {
    }

    public static String closedReport(CaseTestData.World w, String title) {
        String id = EightDTest.open(CaseTestData.openCase(w));
        close(id, disciplinesDone(id), title);
        return id;
    }

    /**
     * Marks D0–D7 of a report done (owner and content), each under its own ETag (the discipline's version): the report's
     * version (ETag) after.
     */
    public static int disciplinesDone(String id) {
        String base = "/api/v1/eight-d-reports/" + id;
        for (Discipline d : Discipline.values()) {
            if (d != Discipline.D8) {
                int own = as("QUALITY_ENGINEER").get(base).then().extract().path("disciplines[" + d.ordinal() + "].version");
                as("QUALITY_ENGINEER").header("If-Match", "\"" + own + "\"")
                        .body(discipline("刘工", "完成", true).json()).put(base + "/disciplines/" + d)
                        .then().statusCode(200).header("ETag", "\"" + (own + 1) + "\"");
            }
        }
        return reportVersion(id);
    }

    /** The report's ETag (its version) now. */
    public static int reportVersion(String id) {
        return version(as("QUALITY_ENGINEER").get("/api/v1/eight-d-reports/" + id).then().statusCode(200).extract().header("ETag"));
    }

    /**
     * Closes a report whose D0–D7 are done: a verified corrective action, D4, D6 (verified today), D7 and the summary
     * report, then the closure. From ETag version {@code v}: the version after.
     */
    public static int close(String id, int v, String title) {
        LocalDate today = TestClock.today();
        String base = "/api/v1/eight-d-reports/" + id;
        v = version(as("ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(action("CORRECTIVE", "控制器灌封工艺改为真空灌封", "工艺 赵工", today).json())
                .post(base + "/actions").then().statusCode(200).extract().header("ETag"));
        String actionId = as("ENGINEER").get(base).then().extract().path("actions[0].id");
        // The action's own ETag: a new action is at version 0.
        as("ENGINEER").header("If-Match", "\"0\"")
                .body(actionUpdate("控制器灌封工艺改为真空灌封", "工艺 赵工", today).status("VERIFIED").effectiveness("高湿试验通过").json())
                .put(base + "/actions/" + actionId)
                .then().statusCode(200).header("ETag", "\"1\"");
        v = reportVersion(id);
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(update(title)
                        .d4("灌封存在气泡导致受潮", "出厂测试不含高湿工况").d6("两批次高湿试验无失效", today)
                        .d7("高湿工况纳入出厂抽检", "CONTROL_PLAN", "CP-MC80-03", null)
                        .summary("灌封工艺已改进，客户确认问题解决").json())
                .put(base).then().statusCode(200).extract().header("ETag"));
        return closure(id, v);
    }

    /** The closure of a report that meets its gates, from ETag version {@code v}: the version after. */
    public static int closure(String id, int v) {
        return version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(EightDBodies.closure())
                .post("/api/v1/eight-d-reports/" + id + "/closure").then().statusCode(200).extract().header("ETag"));
    }

    static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }
}
