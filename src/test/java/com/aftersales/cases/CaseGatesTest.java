package com.aftersales.cases;

import com.aftersales.support.EightDBodies;
import com.aftersales.support.JsonBody;
import com.aftersales.support.ReturnBodies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.aftersales.cases.CaseFixtures.move;
import static com.aftersales.cases.CaseFixtures.world;
import static com.aftersales.support.Api.as;
import static com.aftersales.support.CaseBodies.actionPlan;
import static com.aftersales.support.CaseBodies.cost;
import static com.aftersales.support.CaseBodies.decision;
import static com.aftersales.support.CaseBodies.major;
import static com.aftersales.support.CaseBodies.transition;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * The gates of RESOLVED and CLOSED (issue 19), walked over HTTP: each refusal is a 409 naming every unmet condition in
 * the caller's language and changes neither the case nor its timeline; once the conditions are met the step goes through.
 */
@QuarkusTest
class CaseGatesTest {

    static int version(Response r) {
        return Integer.parseInt(r.header("ETag").replace("\"", ""));
    }

    /** A case on the world's unit moved to RESOLVED by its owner role; its ETag version. */
    static int resolved(String id) {
        int v = 0;
        for (String s : List.of("ACKNOWLEDGED", "INVESTIGATING", "RESOLVING", "RESOLVED")) {
            v = move("AFTER_SALES_MANAGER", id, v, s);
        }
        return v;
    }

    static Response close(String role, String id, int v, String language) {
        return as(role).header("If-Match", "\"" + v + "\"").header("Accept-Language", language)
                .body(transition("CLOSED", "结案")).post("/api/v1/cases/" + id + "/transitions");
    }

    /** The case and its timeline are as they were: status, version, and the number of timeline entries. */
    static void unchanged(String id, String status, int v, int events) {
        as("QUALITY_ENGINEER").get("/api/v1/cases/" + id).then().statusCode(200)
                .body("status", equalTo(status)).header("ETag", "\"" + v + "\"");
        as("QUALITY_ENGINEER").get("/api/v1/cases/" + id + "/events").then().body("items", hasSize(events));
    }

    static int eventCount(String id) {
        return as("QUALITY_ENGINEER").get("/api/v1/cases/" + id + "/events").then().extract().jsonPath().getList("items").size();
    }

    @Test
    void closingWaitsForTheLinked8DTheReturnsAndTheCostLinesOfTheCase() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        int v = resolved(id);
        String costId = as("SALES").body(cost("TRAVEL", "1500").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        Response report = as("QUALITY_ENGINEER").body(EightDBodies.report(id).json()).post("/api/v1/eight-d-reports")
                .then().statusCode(201).extract().response();
        String reportId = report.path("id");
        String reportNo = report.path("reportNo");
        Response ret = as("AFTER_SALES_MANAGER").body(ReturnBodies.authorise(id, "电机异响，退回检测", w.serial()))
                .post("/api/v1/returns").then().statusCode(201).extract().response();
        String returnId = ret.path("id");
        String returnNo = ret.path("returnNo");
        int events = eventCount(id);

        close("AFTER_SALES_MANAGER", id, v, "en").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:problem:aftersales:case_gate_unmet"))
                .body("unmet.code", equalTo(List.of("eight_d_not_closed", "return_not_closed", "cost_not_decided")))
                .body("unmet.id", equalTo(List.of(reportId, returnId, costId)))
                .body("unmet[0].text", containsString("8D report " + reportNo + " is not closed"))
                .body("unmet[1].text", containsString("Return order " + returnNo))
                .body("unmet[0].text", containsString("(open)"))
                .body("unmet[2].text", containsString("Cost line travel of 1500.00 CNY is submitted"));
        close("AFTER_SALES_MANAGER", id, v, "zh-CN").then().statusCode(409)
                .body("title", equalTo("条件未满足"))
                .body("unmet[0].text", containsString("8D 报告 " + reportNo + " 尚未关闭"))
                .body("unmet[0].text", containsString("尚未关闭（进行中）"))
                .body("unmet[1].text", equalTo("退货单 " + returnNo + " 尚未关闭（已授权）。"))
                .body("unmet[2].text", equalTo("一笔 1500.00 元的差旅费为“已提交”，须核实或驳回。"));
        unchanged(id, "RESOLVED", v, events);

        // The 8D link is waived by a quality engineer with a reason, on the timeline; nobody else may, and not twice.
        String waiver = JsonBody.of("reportId", reportId, "reason", "该报告针对批次问题，与本案件无直接关系");
        as("AFTER_SALES_MANAGER").body(waiver).post("/api/v1/cases/" + id + "/eight-d-waivers").then().statusCode(403);
        as("QUALITY_ENGINEER").body(JsonBody.of("reportId", reportId, "reason", " "))
                .post("/api/v1/cases/" + id + "/eight-d-waivers").then().statusCode(422);
        as("QUALITY_ENGINEER").body(JsonBody.of("reportId", UUID.randomUUID().toString(), "reason", "无关"))
                .post("/api/v1/cases/" + id + "/eight-d-waivers").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:case_waiver_not_open_report"));
        unchanged(id, "RESOLVED", v, events);
        as("QUALITY_ENGINEER").body(waiver).post("/api/v1/cases/" + id + "/eight-d-waivers").then().statusCode(201)
                .body("reportNo", equalTo(reportNo)).body("waivedBy", equalTo("test-quality_engineer"));
        as("QUALITY_ENGINEER").body(waiver).post("/api/v1/cases/" + id + "/eight-d-waivers").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:case_waiver_exists"));
        as("QUALITY_ENGINEER").get("/api/v1/cases/" + id + "/events").then()
                .body("items.kind", hasItem("WAIVER"))
                .body("items.text", hasItem(reportNo + ": 该报告针对批次问题，与本案件无直接关系"));
        close("AFTER_SALES_MANAGER", id, v, "en").then().statusCode(409)
                .body("unmet.code", equalTo(List.of("return_not_closed", "cost_not_decided")));

        // The cost line is verified, the return order closed: the case closes.
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("VERIFY"))
                .post("/api/v1/cases/" + id + "/costs/" + costId + "/verification").then().statusCode(200);
        close("AFTER_SALES_MANAGER", id, v, "en").then().statusCode(409)
                .body("unmet.code", equalTo(List.of("return_not_closed")));
        closeReturn(returnId, w.serial());
        close("AFTER_SALES_MANAGER", id, v, "en").then().statusCode(200).body("status", equalTo("CLOSED"));
        // A waiver needs an open case.
        as("QUALITY_ENGINEER").body(waiver).post("/api/v1/cases/" + id + "/eight-d-waivers").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:case_not_open"));
    }

    @Test
    void aClosed8DReportAndARejectedCostLineLetTheCaseClose() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        String reportId = as("QUALITY_ENGINEER").body(EightDBodies.report(id).json()).post("/api/v1/eight-d-reports")
                .then().statusCode(201).extract().path("id");
        String costId = as("SALES").body(cost("FREIGHT", "80").json()).post("/api/v1/cases/" + id + "/costs")
                .then().statusCode(201).extract().path("id");
        int v = resolved(id);
        close("AFTER_SALES_MANAGER", id, v, "en").then().statusCode(409)
                .body("unmet.code", equalTo(List.of("eight_d_not_closed", "cost_not_decided")));
        com.aftersales.eightd.EightDTestData.close(reportId, com.aftersales.eightd.EightDTestData.disciplinesDone(reportId),
                "TM220 电机轴承早期失效");
        as("AFTER_SALES_MANAGER").header("If-Match", "\"0\"").body(decision("REJECT", "无票据"))
                .post("/api/v1/cases/" + id + "/costs/" + costId + "/verification").then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        close("AFTER_SALES_MANAGER", id, v, "en").then().statusCode(200).body("status", equalTo("CLOSED"));
    }

    @Test
    void aCaseMarkedMajorWhileResolvingReachesResolvedOnlyWithTheCurrentPlanApproved() {
        CaseTestData.World w = world("COMMERCIAL_VEHICLE", null);
        String id = CaseFixtures.openId(w);
        int v = 0;
        for (String s : List.of("ACKNOWLEDGED", "INVESTIGATING", "RESOLVING")) {
            v = move("AFTER_SALES_MANAGER", id, v, s);
        }
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(major("批量起火风险，媒体关注"))
                .post("/api/v1/cases/" + id + "/major").then().statusCode(200)
                .body("approvalStatus", equalTo("PLAN_MISSING")).extract().response());
        int events = eventCount(id);
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").header("Accept-Language", "en")
                .body(transition("RESOLVED")).post("/api/v1/cases/" + id + "/transitions").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:case_gate_unmet"))
                .body("unmet.code", equalTo(List.of("approval_missing")))
                .body("unmet[0].id", equalTo(id))
                .body("unmet[0].text", containsString("(approval: no action plan yet)"));
        unchanged(id, "RESOLVING", v, events);
        v = version(as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(actionPlan("召回同批次并加装温度监控"))
                .put("/api/v1/cases/" + id + "/action-plan").then().statusCode(200).extract().response());
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").body(transition("RESOLVED"))
                .post("/api/v1/cases/" + id + "/transitions").then().statusCode(409)
                .body("unmet[0].text", equalTo("重大问题的当前行动计划尚未经总经理批准（审批状态：待审批）。"));
        v = version(as("GENERAL_MANAGER").header("If-Match", "\"" + v + "\"").body(decision("APPROVE", "同意"))
                .post("/api/v1/cases/" + id + "/approval").then().statusCode(200).extract().response());
        v = move("AFTER_SALES_MANAGER", id, v, "RESOLVED");
        // Marking needs an open case: a resolved one is refused and stays as it was.
        events = eventCount(id);
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(major("再次标记"))
                .post("/api/v1/cases/" + id + "/major").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:case_not_open"));
        unchanged(id, "RESOLVED", v, events);
        move("AFTER_SALES_MANAGER", id, v, "CLOSED");
        as("QUALITY_ENGINEER").get("/api/v1/cases/" + id + "/events").then()
                .body("items.toStatus", hasItem("CLOSED")).body("items.kind", not(hasItem("WAIVER")));
    }

    /** A return order of the case through receipt, test, verdict and scrapping to its closure. */
    static void closeReturn(String returnId, String serial) {
        String base = "/api/v1/returns/" + returnId;
        int v = version(as("WAREHOUSE").header("If-Match", "\"0\"").post(base + "/receipt").then().statusCode(200).extract().response());
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(ReturnBodies.test(serial, "台架噪声测试", true).conditions("3000 rpm").measured("72 dB(A)").json())
                .post(base + "/tests").then().statusCode(200).extract().response());
        v = version(as("ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(ReturnBodies.verdict().unit(ReturnBodies.judgement(serial, "DEFECT_CONFIRMED").causeCategory("DESIGN")).json())
                .post(base + "/verdict").then().statusCode(200).extract().response());
        v = version(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(ReturnBodies.disposition(serial, "SCRAP"))
                .post(base + "/disposition").then().statusCode(200).extract().response());
        as("AFTER_SALES_MANAGER").header("If-Match", "\"" + v + "\"").post(base + "/closure").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
    }
}
