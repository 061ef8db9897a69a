package com.aftersales.eightd;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.EightDBodies;
import com.aftersales.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.EightDBodies.action;
import static com.aftersales.support.EightDBodies.actionUpdate;
import static com.aftersales.support.EightDBodies.closure;
import static com.aftersales.support.EightDBodies.deadline;
import static com.aftersales.support.EightDBodies.discipline;
import static com.aftersales.support.EightDBodies.linkCase;
import static com.aftersales.support.EightDBodies.report;
import static com.aftersales.support.EightDBodies.update;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
public class EightDTest {

    public static String open(String... caseIds) {
        return as("QUALITY_ENGINEER").body(report(caseIds).member("刘工", "组长", "质量").member("陈工", null, "技术").json())
                .post("/api/v1/eight-d-reports").then().statusCode(201).extract().path("id");
    }

    static int etag(Response r) {
        return Integer.parseInt(r.header("ETag").replace("\"", ""));
    }

    static Map<LocalDate, Boolean> calendar() {
        Map<LocalDate, Boolean> days = new HashMap<>();
        List<Map<String, Object>> rows = as("QUALITY_ENGINEER").queryParam("from", today().toString())
                .queryParam("to", today().plusYears(1).toString()).get("/api/v1/eight-d-settings/calendar")
                .then().statusCode(200).extract().path("");
        rows.forEach(r -> days.put(LocalDate.parse((String) r.get("day")), (Boolean) r.get("working")));
        return days;
    }

    @Test
    void dueDatesFollowTheCustomersDeadlineProfileInWorkingDays() {
        CaseTestData.World w = CaseTestData.world("COMMERCIAL_VEHICLE");
        // A customer's row is created with If-None-Match: *; without a precondition 428, a second create 412.
        as("QUALITY_ENGINEER").body(deadline(w.customerId(), "D3", 3))
                .put("/api/v1/eight-d-settings/deadlines").then().statusCode(428);
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(deadline(w.customerId(), "D3", 3))
                .put("/api/v1/eight-d-settings/deadlines").then().statusCode(200).header("ETag", equalTo("\"0\""));
        as("QUALITY_ENGINEER").header("If-None-Match", "*").body(deadline(w.customerId(), "D3", 9))
                .put("/api/v1/eight-d-settings/deadlines").then().statusCode(412);
        as("QUALITY_ENGINEER").header("If-Match", "\"4\"").body(deadline(w.customerId(), "D3", 9))
                .put("/api/v1/eight-d-settings/deadlines").then().statusCode(412);
        as("QUALITY_ENGINEER").get("/api/v1/eight-d-settings/deadlines").then()
                .body("find { it.customerId == '" + w.customerId() + "' && it.discipline == 'D3' }.workingDays", equalTo(3))
                .body("find { it.customerId == '" + w.customerId() + "' && it.discipline == 'D3' }.version", equalTo(0));
        as("SALES").header("If-Match", "\"0\"").body(deadline(null, "D3", 3)).put("/api/v1/eight-d-settings/deadlines")
                .then().statusCode(403);
        String id = open(CaseTestData.openCase(w));
        Map<LocalDate, Boolean> calendar = calendar();
        as("QUALITY_ENGINEER").get("/api/v1/eight-d-reports/" + id).then().statusCode(200)
                .body("reportNo", containsString("8D-"))
                .body("disciplines.size()", equalTo(9))
                .body("disciplines[3].discipline", equalTo("D3"))
                .body("disciplines[3].dueDate", equalTo(WorkingDays.add(today(), 3, calendar).toString()))
                .body("disciplines[4].dueDate", equalTo(WorkingDays.add(today(), 10, calendar).toString()))
                .body("teamWarning", org.hamcrest.Matchers.matchesPattern("8D 小组通常为 4–10 人，当前 \\d+ 人"))
                .body("disciplines[3].name", equalTo("临时遏制措施"));
        // The reader's language only: an English reader gets no Chinese composed by the service, and the reverse.
        as("QUALITY_ENGINEER").header("Accept-Language", "en").get("/api/v1/eight-d-reports/" + id).then().statusCode(200)
                .body("teamWarning", org.hamcrest.Matchers.matchesPattern("an 8D team usually has 4 to 10 members, now \\d+"))
                .body("disciplines[3].name", equalTo("Containment"))
                .body("disciplines.name", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.matchesPattern("[A-Za-z ]+")));
        as("QUALITY_ENGINEER").header("Accept-Language", "en").get("/api/v1/eight-d-reports").then().statusCode(200)
                .body("items.teamWarning", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.nullValue(), org.hamcrest.Matchers.startsWith("an 8D team"))));
    }

    @Test
    void calendarDaysAreAddedWithIfNoneMatchAndChangedUnderTheirETag() {
        String url = "/api/v1/eight-d-settings/calendar";
        String day = "{\"day\":\"2098-01-04\",\"working\":true,\"note\":\"调休\"}";
        String changed = "{\"day\":\"2098-01-04\",\"working\":false,\"note\":\"取消调休\"}";
        as("ADMIN").body(day).put(url).then().statusCode(428);
        as("ADMIN").queryParam("from", "2098-01-01").queryParam("to", "2098-01-31").get(url).then().body("size()", equalTo(0));
        as("ADMIN").header("If-None-Match", "*").body(day).put(url).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("working", equalTo(true));
        as("ADMIN").header("If-None-Match", "*").body(changed).put(url).then().statusCode(412);
        as("ADMIN").body(changed).put(url).then().statusCode(428);
        as("ADMIN").header("If-Match", "\"3\"").body(changed).put(url).then().statusCode(412);
        as("ADMIN").queryParam("from", "2098-01-01").queryParam("to", "2098-01-31").get(url).then()
                .body("[0].working", equalTo(true)).body("[0].version", equalTo(0));
        as("ADMIN").header("If-Match", "\"0\"").body(changed).put(url).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("working", equalTo(false)).body("note", equalTo("取消调休"));
    }

    @Test
    void aReportCannotCloseEarlyAndClosesBehindItsGates() {
        CaseTestData.World w = CaseTestData.world("PASSENGER_CAR");
        String caseId = CaseTestData.openCase(w);
        String id = open(caseId);
        String base = "/api/v1/eight-d-reports/" + id;
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(closure()).post(base + "/closure")
                .then().statusCode(409).body("type", equalTo("urn:problem:aftersales:eightd_cannot_close"))
                .body("errors.field", hasItems("d6Verification", "d7", "disciplines.D0", "disciplines.D7"));
        int v = 0;
        v = etag(as("ENGINEER").header("If-Match", "\"" + v + "\"")
                .body(action("CORRECTIVE", "更换轴承供应商并增加来料检验", "采购 王工", today().plusDays(10)).json())
                .post(base + "/actions").then().statusCode(200).extract().response());
        as("ENGINEER").header("If-Match", "\"" + v + "\"").body(action("CORRECTIVE", "x", " ", today()).json())
                .post(base + "/actions").then().statusCode(422).body("errors[0].field", equalTo("owner"));
        as("ENGINEER").header("If-Match", "\"" + v + "\"").body(action("CORRECTIVE", "x", "y", today().minusDays(1)).json())
                .post(base + "/actions").then().statusCode(422).body("errors[0].field", equalTo("dueDate"));
        for (Discipline d : List.of(Discipline.D0, Discipline.D1, Discipline.D2, Discipline.D3, Discipline.D4,
                Discipline.D5, Discipline.D6, Discipline.D7)) {
            // Each discipline under its own ETag (version 0 as opened), which the answer moves on.
            as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(discipline("刘工", d.zh + "已完成", true).json())
                    .put(base + "/disciplines/" + d).then().statusCode(200).header("ETag", "\"1\"")
                    .body("discipline", equalTo(d.name())).body("status", equalTo("DONE")).body("version", equalTo(1));
        }
        // Each part's change moved the report's ETag on too.
        v = EightDTestData.reportVersion(id);
        assertThat(v).isEqualTo(9);
        EightDBodies.Update filled = update("TM220 电机轴承早期失效").champion("刘工")
                .d2("轴承异响", "郑州", "2025-06", "3 台", "其他批次无").d4("轴承游隙超差", "来料检验未测游隙")
                .d6("连续 3 批次来料游隙合格，装车 500 台无再发", today())
                .d7("关键尺寸必须全检", "PFMEA", "PFMEA-TM220-07", "增加游隙控制");
        v = etag(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(filled.json())
                .put(base).then().statusCode(200).extract().response());
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(closure()).post(base + "/closure")
                .then().statusCode(409).body("errors.field", equalTo(List.of("actions", "summary")));
        String actionId = as("QUALITY_ENGINEER").get(base).then().extract().path("actions[0].id");
        as("ENGINEER").header("If-Match", "\"0\"")
                .body(actionUpdate("更换轴承供应商并增加来料检验", "采购 王工", today().plusDays(10)).status("VERIFIED").json())
                .put(base + "/actions/" + actionId)
                .then().statusCode(422).body("errors[0].field", equalTo("effectiveness"));
        as("ENGINEER").header("If-Match", "\"0\"")
                .body(actionUpdate("更换轴承供应商并增加来料检验", "采购 王工", today().plusDays(10)).status("VERIFIED")
                        .effectiveness("3 批次合格").json()).put(base + "/actions/" + actionId)
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("VERIFIED"));
        v = EightDTestData.reportVersion(id);
        as("ENGINEER").header("If-Match", "\"" + v + "\"").body(closure()).post(base + "/closure").then().statusCode(403);
        // Only the summary report (总结报告) is missing now: still refused, in the caller's language, and nothing changes.
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").header("Accept-Language", "en").body(closure())
                .post(base + "/closure").then().statusCode(409)
                .body("type", equalTo("urn:problem:aftersales:eightd_cannot_close"))
                .body("errors.field", equalTo(List.of("summary")))
                .body("errors[0].message", containsString("summary report"));
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(closure()).post(base + "/closure")
                .then().statusCode(409).body("errors[0].message", containsString("总结报告"));
        as("QUALITY_ENGINEER").get(base).then().header("ETag", "\"" + v + "\"").body("status", equalTo("OPEN"))
                .body("summary", equalTo(null)).body("disciplines[8].status", equalTo("OPEN"));
        as("ADMIN").queryParam("entity", "eight-d-report").queryParam("id", id).get("/api/v1/audit")
                .then().body("items.action", not(hasItem("CLOSE")));
        v = etag(as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(filled.summary("问题已解决，客户满意").json())
                .put(base).then().statusCode(200).extract().response());
        as("QUALITY_ENGINEER").header("If-Match", "\"" + v + "\"").body(closure("感谢团队")).post(base + "/closure")
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("closedBy", equalTo("test-quality_engineer"))
                .body("disciplines[8].status", equalTo("DONE"));
        as("ADMIN").queryParam("entity", "eight-d-report").queryParam("id", id).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("CLOSE"));

        // Export: the workbook opens and its cells carry the report.
        byte[] xlsx = as("QUALITY_ENGINEER").accept(EightDWorkbook.MEDIA_TYPE).get(base)
                .then().statusCode(200).contentType(EightDWorkbook.MEDIA_TYPE).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("8D 问题解决报告");
            assertThat(rows).anySatisfy(r -> assertThat(r.getCellText(0)).isEqualTo("状态"));
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.getCellText(0)).isEqualTo("D4 根本原因分析");
                assertThat(r.getCellText(1)).contains("轴承游隙超差").contains("来料检验未测游隙");
            });
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.getCellText(0)).isEqualTo("D7 预防再发生");
                assertThat(r.getCellText(1)).contains("PFMEA-TM220-07");
            });
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.getCellText(0)).isEqualTo("总结报告");
                assertThat(r.getCellText(1)).isEqualTo("问题已解决，客户满意");
            });
            List<Row> actionRows = wb.getSheet(1).orElseThrow().read();
            assertThat(actionRows.get(1).getCellText(1)).isEqualTo("更换轴承供应商并增加来料检验");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        // A new case on the same problem after closure: recurrence, the report reopens.
        String again = CaseTestData.openCase(w);
        as("QUALITY_ENGINEER").header("If-Match", "\"" + (v + 1) + "\"").body(linkCase(again))
                .post(base + "/cases").then().statusCode(200)
                .body("status", equalTo("OPEN")).body("recurrenceCount", equalTo(1))
                .body("cases.find { it.caseId == '" + again + "' }.recurrence", equalTo(true))
                .body("disciplines[8].status", equalTo("OPEN"));
    }

    @Test
    void overdueActionsAcrossReports() {
        CaseTestData.World w = CaseTestData.world("SYSTEM");
        String id = open(CaseTestData.openCase(w));
        as("ENGINEER").header("If-Match", "\"0\"").body(action("CONTAINMENT", "隔离库存 200 台", "owner-" + id, today()).json())
                .post("/api/v1/eight-d-reports/" + id + "/actions").then().statusCode(200);
        as("QUALITY_ENGINEER").queryParam("owner", "owner-" + id).queryParam("overdue", "true").get("/api/v1/actions")
                .then().statusCode(200).body("items.size()", equalTo(0));
        TestClock.advance(Duration.ofDays(3));
        as("QUALITY_ENGINEER").queryParam("owner", "owner-" + id).queryParam("overdue", "true").get("/api/v1/actions")
                .then().body("items.size()", equalTo(1)).body("items[0].overdue", equalTo(true))
                .body("items[0].reportNo", notNullValue());
        as("CUSTOMER").get("/api/v1/actions").then().statusCode(403);
    }

    @Test
    void customersSeeOnlyReportsOnTheirOwnCasesAndCannotLinkOthers() {
        CaseTestData.World mine = CaseTestData.world("MICRO_CAR");
        CaseTestData.World theirs = CaseTestData.world("MICRO_CAR");
        String myReport = open(CaseTestData.openCase(mine));
        String shared = open(CaseTestData.openCase(mine), CaseTestData.openCase(theirs));
        asCustomer(UUID.fromString(mine.customerId())).get("/api/v1/eight-d-reports/" + myReport).then().statusCode(200);
        asCustomer(UUID.fromString(mine.customerId())).get("/api/v1/eight-d-reports/" + shared).then().statusCode(404);
        asCustomer(UUID.fromString(mine.customerId())).get("/api/v1/eight-d-reports")
                .then().statusCode(200).body("items.id", hasItem(myReport))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(shared)));
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(linkCase(UUID.randomUUID().toString()))
                .post("/api/v1/eight-d-reports/" + myReport + "/cases").then().statusCode(404);
        as("QUALITY_ENGINEER").header("If-Match", "\"0\"").body(discipline("x", "y", false).evidence(UUID.randomUUID().toString()).json())
                .put("/api/v1/eight-d-reports/" + myReport + "/disciplines/D3").then().statusCode(422)
                .body("errors[0].field", equalTo("evidence"));
    }
}
