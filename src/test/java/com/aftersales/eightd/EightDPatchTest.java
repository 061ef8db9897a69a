package com.aftersales.eightd;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.JsonBody;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.mergePatchAs;
import static com.aftersales.support.EightDBodies.action;
import static com.aftersales.support.EightDBodies.update;
import static com.aftersales.support.TestClock.today;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Partial updates of an 8D report (JSON Merge Patch, RFC 7396) and the ETags of its parts: each discipline and each
 * action has its own, so two people filling different parts from two devices both succeed.
 */
@QuarkusTest
public class EightDPatchTest {

    static RequestSpecification patchAs(String role, String etag) {
        RequestSpecification spec = mergePatchAs(role);
        return etag == null ? spec : spec.header("If-Match", etag);
    }

    static String report() {
        return EightDTest.open(CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE")));
    }

    @Test
    void twoDevicesEditingDifferentDisciplinesBothSucceedAndTheSameOneMeets412() {
        String id = report();
        String base = "/api/v1/eight-d-reports/" + id;
        // Both devices read the report once: the report, D3 and D4 are each at version 0.
        as("QUALITY_ENGINEER").get(base).then().statusCode(200).header("ETag", "\"0\"")
                .body("disciplines[3].version", equalTo(0)).body("disciplines[4].version", equalTo(0));

        patchAs("ENGINEER", "\"0\"").body(JsonBody.of("owner", "张工", "content", "隔离同批次库存 200 台"))
                .patch(base + "/disciplines/D3").then().statusCode(200).header("ETag", "\"1\"")
                .body("discipline", equalTo("D3")).body("content", equalTo("隔离同批次库存 200 台")).body("version", equalTo(1));
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("owner", "刘工", "content", "轴承游隙超差"))
                .patch(base + "/disciplines/D4").then().statusCode(200).header("ETag", "\"1\"");
        // The same discipline again from the first read: 412 with the current ETag, and nothing of it is kept.
        patchAs("ENGINEER", "\"0\"").body(JsonBody.of("content", "来料检验未测游隙"))
                .patch(base + "/disciplines/D4").then().statusCode(412)
                .body("type", equalTo("urn:problem:aftersales:precondition_failed"))
                .header("ETag", "\"1\"").body("currentETag", equalTo("\"1\""));
        as("ENGINEER").header("If-Match", "\"0\"").body(JsonBody.of("owner", "王工", "content", "覆盖", "done", false))
                .put(base + "/disciplines/D3").then().statusCode(412);

        // Both edits are there; each part's change moved the whole report's ETag on.
        as("QUALITY_ENGINEER").get(base).then().statusCode(200).header("ETag", "\"2\"")
                .body("disciplines[3].owner", equalTo("张工")).body("disciplines[3].content", equalTo("隔离同批次库存 200 台"))
                .body("disciplines[4].owner", equalTo("刘工")).body("disciplines[4].content", equalTo("轴承游隙超差"))
                .body("disciplines[4].version", equalTo(1)).body("disciplines[5].version", equalTo(0));
        // A merge patch changes only what it names: D4's owner stays, done is set, the name is in the reader's language.
        patchAs("QUALITY_ENGINEER", "\"1\"").header("Accept-Language", "en").body(JsonBody.of("done", true))
                .patch(base + "/disciplines/D4").then().statusCode(200).header("ETag", "\"2\"")
                .body("owner", equalTo("刘工")).body("status", equalTo("DONE")).body("name", equalTo("Root cause"));
        // A whole-report change based on the first read is refused: the report's ETag covers its parts too.
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("summary", "x")).patch(base).then().statusCode(412)
                .header("ETag", "\"3\"");
        // D8 is the closure, not filled by hand.
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("content", "x")).patch(base + "/disciplines/D8")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:eightd_d8_is_closure"));
    }

    @Test
    void anActionsStatusChangesUnderItsOwnETagWithoutItsOtherFields() {
        String id = report();
        String base = "/api/v1/eight-d-reports/" + id;
        as("ENGINEER").header("If-Match", "\"0\"").body(action("CORRECTIVE", "更换轴承供应商", "采购 王工", today().plusDays(10)).json())
                .post(base + "/actions").then().statusCode(200).header("ETag", "\"1\"");
        // Someone fills a discipline meanwhile: the report's ETag moves on, the action's stays.
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("content", "围堵")).patch(base + "/disciplines/D3")
                .then().statusCode(200);
        String actionId = as("ENGINEER").get(base).then().header("ETag", "\"2\"").body("actions[0].version", equalTo(0))
                .extract().path("actions[0].id");
        String url = base + "/actions/" + actionId;
        // The report's ETag is not the action's.
        patchAs("ENGINEER", "\"2\"").body(JsonBody.of("status", "IN_PROGRESS")).patch(url).then().statusCode(412)
                .body("currentETag", equalTo("\"0\""));
        patchAs("REPAIR", "\"0\"").body(JsonBody.of("status", "IN_PROGRESS")).patch(url).then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("IN_PROGRESS")).body("description", equalTo("更换轴承供应商"))
                .body("owner", equalTo("采购 王工")).body("dueDate", equalTo(today().plusDays(10).toString()))
                .body("version", equalTo(1));
        // A second status change from the same read: 412.
        patchAs("ENGINEER", "\"0\"").body(JsonBody.of("status", "CANCELLED")).patch(url).then().statusCode(412);
        // The rules of a PUT hold for the merged action: VERIFIED needs its effectiveness.
        patchAs("ENGINEER", "\"1\"").body(JsonBody.of("status", "VERIFIED")).patch(url).then().statusCode(422)
                .body("errors[0].field", equalTo("effectiveness"));
        patchAs("ENGINEER", "\"1\"").body(JsonBody.of("status", "VERIFIED", "effectiveness", "3 批次合格")).patch(url)
                .then().statusCode(200).header("ETag", "\"2\"").body("completedOn", equalTo(today().toString()));
        // null clears an optional member and is refused for a required one, naming it.
        patchAs("ENGINEER", "\"2\"").header("Accept-Language", "en").body("{\"owner\":null}").patch(url)
                .then().statusCode(422).body("errors[0].field", equalTo("owner"))
                .body("errors[0].message", equalTo("required: null cannot clear it"));
        patchAs("ENGINEER", "\"2\"").body("{\"status\":\"DONE\",\"effectiveness\":null}").patch(url)
                .then().statusCode(200).body("effectiveness", nullValue()).body("status", equalTo("DONE"));
        as("ENGINEER").get(base).then().body("actions[0].version", equalTo(3)).body("actions[0].owner", equalTo("采购 王工"));
    }

    @Test
    void aMergePatchOfTheReportKeepsWhatItLeavesOutAndClearsWhatItNulls() {
        String id = report();
        String base = "/api/v1/eight-d-reports/" + id;
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(update("TM220 电机轴承早期失效").champion("刘工")
                        .d2("轴承异响", "郑州", "2025-06", "3 台", "其他批次无").d4("轴承游隙超差", "来料检验未测游隙").json())
                .put(base).then().statusCode(200).header("ETag", "\"1\"");
        // Arrays replace.
        patchAs("QUALITY_ENGINEER", "\"1\"").body("{\"team\":[{\"name\":\"赵工\",\"department\":\"工艺\"}]}")
                .patch(base).then().statusCode(200).header("ETag", "\"2\"").body("team.name", equalTo(List.of("赵工")))
                .body("d2.what", equalTo("轴承异响"));
        // Objects merge (d2.what changes, d2.where stays), null clears an optional field, the rest stays.
        patchAs("QUALITY_ENGINEER", "\"2\"").body("{\"d2\":{\"what\":\"轴承异响、温升\"},\"champion\":null,\"summary\":\"已定位\"}")
                .patch(base).then().statusCode(200).header("ETag", "\"3\"")
                .body("d2.what", equalTo("轴承异响、温升")).body("d2.where", equalTo("郑州"))
                .body("champion", nullValue()).body("summary", equalTo("已定位"))
                .body("title", equalTo("TM220 电机轴承早期失效")).body("d4Occurrence", equalTo("轴承游隙超差"))
                .body("team.name", equalTo(List.of("赵工"))).body("team[0].department", equalTo("工艺"));

        // A required field cannot be cleared; a rule of the PUT holds for the merged report; an unknown or read-only
        // member is 400; a patch that is no object is 400; nothing changes on any of them.
        patchAs("QUALITY_ENGINEER", "\"3\"").body("{\"title\":null,\"summary\":\"x\"}").patch(base).then().statusCode(422)
                .body("errors.field", equalTo(List.of("title"))).body("errors[0].message", equalTo("必填：不能用 null 清除"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body(JsonBody.of("d6VerifiedOn", today().plusDays(1))).patch(base)
                .then().statusCode(422).body("errors[0].field", equalTo("d6VerifiedOn"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body(JsonBody.of("title", "x".repeat(301))).patch(base)
                .then().statusCode(422).body("errors[0].field", equalTo("title"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body(JsonBody.of("status", "CLOSED")).patch(base).then().statusCode(400)
                .body("type", equalTo("urn:problem:aftersales:invalid_json_value")).body("errors[0].field", equalTo("status"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body("{\"d2\":{\"colour\":\"red\"}}").patch(base).then().statusCode(400)
                .body("errors[0].field", equalTo("d2.colour"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body("{\"summary\":42}").patch(base).then().statusCode(400)
                .body("errors[0].field", equalTo("summary"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body("[]").patch(base).then().statusCode(400)
                .body("type", equalTo("urn:problem:aftersales:merge_patch_not_object"));
        patchAs("QUALITY_ENGINEER", "\"3\"").body("{\"summary\":").patch(base).then().statusCode(400);
        // A merge patch is sent as application/merge-patch+json only.
        as("QUALITY_ENGINEER").header("If-Match", "\"3\"").body(JsonBody.of("summary", "x")).patch(base).then().statusCode(415);
        as("QUALITY_ENGINEER").get(base).then().header("ETag", "\"3\"").body("title", equalTo("TM220 电机轴承早期失效"))
                .body("summary", equalTo("已定位")).body("d6VerifiedOn", nullValue());
        as("ADMIN").queryParam("entity", "eight-d-report").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("PATCH"));
    }

    @Test
    void everyPatchNeedsIfMatchAndItsRole() {
        String id = report();
        String base = "/api/v1/eight-d-reports/" + id;
        String actionId = as("ENGINEER").header("If-Match", "\"0\"")
                .body(action("CONTAINMENT", "隔离库存", "仓库 李工", today().plusDays(2)).json())
                .post(base + "/actions").then().statusCode(200).extract().path("actions[0].id");
        for (String url : List.of(base, base + "/disciplines/D2", base + "/actions/" + actionId)) {
            patchAs("QUALITY_ENGINEER", null).body(JsonBody.of("owner", "x")).patch(url).then().statusCode(428)
                    .body("type", equalTo("urn:problem:aftersales:precondition_required"));
            patchAs("CUSTOMER", "\"0\"").body(JsonBody.of("owner", "x")).patch(url).then().statusCode(403);
        }
        patchAs("SALES", "\"1\"").body(JsonBody.of("summary", "x")).patch(base).then().statusCode(403);
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("content", "x"))
                .patch("/api/v1/eight-d-reports/" + java.util.UUID.randomUUID() + "/disciplines/D2").then().statusCode(404);
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("content", "x")).patch(base + "/disciplines/D9")
                .then().statusCode(400);
        as("QUALITY_ENGINEER").get(base).then().header("ETag", "\"1\"").body("disciplines[2].content", nullValue());
    }

    @Test
    void aClosedReportTakesNoPatch() {
        String id = EightDTestData.closedReport(CaseTestData.world("SYSTEM"), "MC80 控制器受潮短路");
        String base = "/api/v1/eight-d-reports/" + id;
        int v = EightDTestData.reportVersion(id);
        int d3 = as("QUALITY_ENGINEER").get(base).then().extract().path("disciplines[3].version");
        patchAs("QUALITY_ENGINEER", "\"" + v + "\"").body(JsonBody.of("summary", "x")).patch(base).then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:eightd_closed"));
        patchAs("QUALITY_ENGINEER", "\"" + d3 + "\"").body(JsonBody.of("content", "x")).patch(base + "/disciplines/D3")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:eightd_closed"));
    }

    @Test
    void twoDevicesFillingTheFindingsOfD2AndD4BothSucceedAndAReportEditMovesTheDisciplinesETag() {
        String id = report();
        String base = "/api/v1/eight-d-reports/" + id;
        // From the same read: D2's 5W2H on one device, D4's causes on another.
        as("QUALITY_ENGINEER").body(JsonBody.of("d2", java.util.Map.of("what", "电机异响", "where", "郑州公交三公司")))
                .header("If-Match", "\"0\"").put(base + "/disciplines/D2/findings").then().statusCode(200)
                .header("ETag", "\"1\"").body("discipline", equalTo("D2")).body("d2.what", equalTo("电机异响"));
        patchAs("ENGINEER", "\"0\"").body(JsonBody.of("d4Occurrence", "轴承游隙超差", "d4Escape", "来料检验未测游隙"))
                .patch(base + "/disciplines/D4/findings").then().statusCode(200).header("ETag", "\"1\"")
                .body("d4Occurrence", equalTo("轴承游隙超差"));
        // The same discipline's findings from the old read: 412, nothing kept.
        patchAs("QUALITY_ENGINEER", "\"0\"").body(JsonBody.of("d4Escape", "覆盖"))
                .patch(base + "/disciplines/D4/findings").then().statusCode(412);
        // A merge patch keeps what it leaves out; null clears.
        patchAs("ENGINEER", "\"1\"").body("{\"d4Escape\":null}").patch(base + "/disciplines/D4/findings").then()
                .statusCode(200).header("ETag", "\"2\"").body("d4Occurrence", equalTo("轴承游隙超差"))
                .body("d4Escape", org.hamcrest.Matchers.nullValue());
        as("QUALITY_ENGINEER").get(base).then().statusCode(200)
                .body("d2.what", equalTo("电机异响")).body("d4Occurrence", equalTo("轴承游隙超差"))
                .body("disciplines[2].version", equalTo(1)).body("disciplines[4].version", equalTo(2));

        // Another discipline's member, a discipline without findings, no If-Match, a wrong role: refused, nothing changes.
        patchAs("ENGINEER", "\"1\"").body(JsonBody.of("d4Occurrence", "别处")).patch(base + "/disciplines/D2/findings")
                .then().statusCode(422).body("errors[0].field", equalTo("d4Occurrence"));
        patchAs("ENGINEER", "\"0\"").body(JsonBody.of("d2", java.util.Map.of("what", "x")))
                .patch(base + "/disciplines/D3/findings").then().statusCode(404);
        patchAs("ENGINEER", null).body(JsonBody.of("d2", java.util.Map.of("what", "x")))
                .patch(base + "/disciplines/D2/findings").then().statusCode(428);
        patchAs("WAREHOUSE", "\"1\"").body(JsonBody.of("d2", java.util.Map.of("what", "x")))
                .patch(base + "/disciplines/D2/findings").then().statusCode(403);

        // The report's own PATCH changing D4's findings moves D4's ETag: a device holding the old one gets 412.
        String etag = as("QUALITY_ENGINEER").get(base).then().extract().header("ETag");
        patchAs("QUALITY_ENGINEER", etag).body(JsonBody.of("d4Occurrence", "轴承游隙超差（复核）"))
                .patch(base).then().statusCode(200).body("disciplines[4].version", equalTo(3))
                .body("disciplines[2].version", equalTo(1));
        patchAs("ENGINEER", "\"2\"").body(JsonBody.of("d4Escape", "晚了")).patch(base + "/disciplines/D4/findings")
                .then().statusCode(412);
    }
}
