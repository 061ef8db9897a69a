package com.aftersales.eightd;

import com.aftersales.cases.CaseTestData;

import java.time.LocalDate;
import java.time.ZoneId;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.EightDBodies.action;
import static com.aftersales.support.EightDBodies.actionUpdate;
import static com.aftersales.support.EightDBodies.closure;
import static com.aftersales.support.EightDBodies.discipline;
import static com.aftersales.support.EightDBodies.update;

/** A closed 8D report made through the API, for tests of other areas. */
public final class EightDTestData {

    private EightDTestData() {
    }

    public static String closedReport(CaseTestData.World w, String title) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String id = EightDTest.open(CaseTestData.openCase(w));
        String base = "/api/v1/eight-d-reports/" + id;
        int v = 0;
        v = version(as("ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(action("CORRECTIVE", "控制器灌封工艺改为真空灌封", "工艺 赵工", today).json())
                .post(base + "/actions").then().statusCode(200).extract().header("ETag"));
        String actionId = as("ENGINEER").get(base).then().extract().path("actions[0].id");
        v = version(as("ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(actionUpdate("控制器灌封工艺改为真空灌封", "工艺 赵工", today).status("VERIFIED").effectiveness("高湿试验通过").json())
                .put(base + "/actions/" + actionId)
                .then().statusCode(200).extract().header("ETag"));
        for (Discipline d : Discipline.values()) {
            if (d != Discipline.D8) {
                v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"")
                        .body(discipline("刘工", "完成", true).json()).put(base + "/disciplines/" + d)
                        .then().statusCode(200).extract().header("ETag"));
            }
        }
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(update(title)
                        .d4("灌封存在气泡导致受潮", "出厂测试不含高湿工况").d6("两批次高湿试验无失效", today)
                        .d7("高湿工况纳入出厂抽检", "CONTROL_PLAN", "CP-MC80-03", null).json())
                .put(base).then().statusCode(200).extract().header("ETag"));
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(closure()).post(base + "/closure").then().statusCode(200);
        return id;
    }

    static int version(String etag) {
        return Integer.parseInt(etag.replace("\"", ""));
    }
}
