package com.aftersales.ledger;

import com.aftersales.support.Api;
import com.aftersales.support.Fixtures;
import com.aftersales.support.Sheet;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.Api.asCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The historical ledger import (客诉台帐, returns ledger): template, all-or-nothing import, KPIs, re-import, export. */
@QuarkusTest
class LedgerImportTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static List<List<String>> sheet(byte[] xlsx) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getFirstSheet().read().stream()
                    .map(r -> java.util.stream.IntStream.range(0, r.getCellCount()).mapToObj(r::getCellText).toList()).toList();
        }
    }

    static byte[] get(String role, String path) {
        return as(role).accept(XLSX).get(path).then().statusCode(200).contentType(XLSX).extract().asByteArray();
    }

    static JsonPath importLedger(byte[] body, int status) {
        return as("QUALITY_ENGINEER").header("Accept-Language", "en").contentType("application/octet-stream").body(body)
                .post("/api/v1/ledger/import").then().log().ifValidationFails().statusCode(status).extract().jsonPath();
    }

    /** Totals of a KPI's column over its rows (a customer account's report: its own cases only). */
    static int total(JsonPath report, String kpi, String column) {
        List<Map<String, Object>> rows = report.getList("tables.find { it.key == '" + kpi + "' }.rows");
        return rows.stream().mapToInt(r -> ((Number) r.get(column)).intValue()).sum();
    }

    static JsonPath kpis(UUID customer, String from, String to) {
        return asCustomer(customer).queryParam("from", from).queryParam("to", to).get("/api/v1/kpis")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath dashboard(UUID customer, String from, String to) {
        return asCustomer(customer).queryParam("from", from).queryParam("to", to).get("/api/v1/kpis/dashboard")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theTemplateHasTheChineseHeadersTheImportReads() throws IOException {
        assertThat(sheet(get("QUALITY_ENGINEER", "/api/v1/ledger/template")))
                .containsExactly(LedgerColumns.HEADERS);
        as("SALES").accept(XLSX).get("/api/v1/ledger/template").then().statusCode(403);
        as("SALES").contentType("application/octet-stream").body(new byte[] {1}).post("/api/v1/ledger/import")
                .then().statusCode(403);
    }

    @Test
    void aHistoricalImportMovesTheKpisOfItsYearsByExactlyItsRowsAndAReimportDoublesNothing() throws IOException {
        String code = Api.unique("hist");
        String customerId = Api.newCustomer(code);
        UUID customer = UUID.fromString(customerId);
        String u1 = Fixtures.unit(customerId, "COMMERCIAL_VEHICLE", LocalDate.of(2020, 6, 1));
        String u2 = Fixtures.unit(customerId, "COMMERCIAL_VEHICLE", LocalDate.of(2020, 6, 1));
        String no = Api.unique("KS-H");
        // The aggregates are as of now (a refresh now: the next one recomputes only recent months, unless an import came).
        as("ADMIN").post("/api/v1/admin/jobs/kpi-aggregates/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        JsonPath before = kpis(customer, "2021-01-01", "2022-12-31");
        assertThat(total(before, "cases", "cases")).isZero();

        byte[] ledger = Sheet.of(LedgerColumns.HEADERS.toArray())
                .row(no + "-1", "索赔", "高", code, u1, "电机异响，拆检轴承磨损", LocalDate.of(2021, 3, 1),
                        Sheet.dateTime(LocalDateTime.of(2021, 3, 2, 9, 0)), Sheet.dateTime(LocalDateTime.of(2021, 3, 2, 11, 0)),
                        LocalDate.of(2021, 3, 20), 1200.5, no + "-TH1", "NTF", "8D-2021-007")
                .row(no + "-2", "COMPLAINT", null, code, u1 + "、" + u2, "控制器报过流故障", null,
                        LocalDate.of(2022, 5, 10), null, LocalDate.of(2022, 6, 1), null, null, "故障确认", null)
                .row(no + "-3", "维修", "低", code, u2, "线束磨破", null,
                        "2022/11/3 14:00", "2022/11/3 15:30", "2022年11月10日", "300", null, null, null)
                .xlsx();
        JsonPath imported = importLedger(ledger, 200);
        assertThat(imported.getInt("imported")).isEqualTo(3);
        assertThat(imported.getInt("skipped")).isZero();
        JsonPath after = kpis(customer, "2021-01-01", "2022-12-31");
        assertThat(total(after, "cases", "cases")).isEqualTo(3);
        assertThat(total(after, "firstResponse", "cases")).isEqualTo(2);
        assertThat(total(after, "ntfRate", "judgedUnits")).isEqualTo(3);
        assertThat(total(after, "ntfRate", "ntfUnits")).isEqualTo(1);
        assertThat(total(kpis(customer, "2021-01-01", "2021-12-31"), "cases", "cases")).isEqualTo(1);
        assertThat(total(kpis(customer, "2022-01-01", "2022-12-31"), "cases", "cases")).isEqualTo(2);
        assertThat(Sql.text("select cast(sum(amount_cny) as text) from case_cost k join service_case c on c.id = k.case_id "
                + "where c.case_no like ?", no + "-%")).isEqualTo("1500.50");
        // The dashboard's monthly aggregates: the next refresh recomputes the old months an import wrote.
        as("ADMIN").post("/api/v1/admin/jobs/kpi-aggregates/runs").then().statusCode(200).body("outcome", equalTo("OK"));
        assertThat(total(dashboard(customer, "2021-01", "2022-12"), "cases", "cases")).isEqualTo(3);

        // The same ledger again: every row's 单号 is a case now, so nothing is written twice.
        JsonPath again = importLedger(ledger, 200);
        assertThat(again.getInt("imported")).isZero();
        assertThat(again.getList("skippedCaseNos")).containsExactly(no + "-1", no + "-2", no + "-3");
        assertThat(total(kpis(customer, "2021-01-01", "2022-12-31"), "cases", "cases")).isEqualTo(3);

        // Visible in the unit's history, marked; kept out of follow-ups and SLA breaches.
        as("QUALITY_ENGINEER").get("/api/v1/units/" + u1 + "/history").then().statusCode(200)
                .body("items.findAll { it.kind == 'CASE' }.caseNo", equalTo(List.of(no + "-1", no + "-2")))
                .body("items.find { it.caseNo == '" + no + "-1' && it.kind == 'CASE' }.summary",
                        org.hamcrest.Matchers.endsWith("台帐导入"));
        as("ADMIN").post("/api/v1/admin/jobs/follow-up/runs").then().statusCode(200);
        as("ADMIN").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(200);
        assertThat(Sql.count("select count(*) from follow_up f join service_case c on c.id = f.case_id where c.case_no like ?",
                no + "-%")).isZero();
        assertThat(Sql.count("select count(*) from notice where payload ->> 'caseNo' like ?", no + "-%")).isZero();

        // The live ledgers export in the template, and the import reads an export back (skipping what exists).
        byte[] exported = get("AFTER_SALES_MANAGER", "/api/v1/ledger?from=2021-01-01&to=2022-12-31");
        List<List<String>> rows = sheet(exported);
        assertThat(rows.get(0)).isEqualTo(LedgerColumns.HEADERS);
        List<String> first = rows.stream().filter(r -> r.get(0).equals(no + "-1")).findFirst().orElseThrow();
        assertThat(first.subList(0, 5)).containsExactly(no + "-1", "CLAIM", "HIGH", code, u1);
        assertThat(first.subList(10, 14)).containsExactly("1200.50", no + "-TH1", "NTF", "8D-2021-007");
        List<List<String>> returnsLedger = sheet(get("QUALITY_ENGINEER", "/api/v1/ledger?kind=returns&from=2021-01-01&to=2022-12-31"));
        assertThat(returnsLedger.stream().map(r -> r.get(0)).filter(n -> n.startsWith(no)).toList())
                .containsExactly(no + "-1", no + "-2");
        JsonPath reread = importLedger(exported, 200);
        assertThat(reread.getInt("imported")).isZero();
        assertThat(reread.getList("skippedCaseNos")).contains(no + "-1", no + "-2", no + "-3");
        as("QUALITY_ENGINEER").get("/api/v1/ledger?from=2022-01-01&to=2021-01-01").then().statusCode(400);
        as("QUALITY_ENGINEER").get("/api/v1/ledger?kind=visits").then().statusCode(400);
    }

    @Test
    void everyBadRowIsReportedAtItsSheetRowAndNothingIsImported() {
        String code = Api.unique("bad");
        String customerId = Api.newCustomer(code);
        String u1 = Fixtures.unit(customerId, "COMMERCIAL_VEHICLE", LocalDate.of(2020, 6, 1));
        String no = Api.unique("KS-B");
        byte[] ledger = Sheet.of(LedgerColumns.HEADERS.toArray())
                .row(no + "-1", "索赔", "高", code, u1, "正常的一行", null, LocalDate.of(2021, 3, 2), null,
                        LocalDate.of(2021, 3, 20))
                .emptyRow()
                .row(no + "-3", "索赔", null, code, u1 + "、NO-SUCH-UNIT", "未知钢印号", null, LocalDate.of(2021, 3, 2), null,
                        LocalDate.of(2021, 3, 20))
                .row(no + "-4", "火箭", null, code, u1, "类型错、结案早于受理", null, LocalDate.of(2021, 3, 2), null,
                        LocalDate.of(2021, 3, 1), "-5")
                .row(no + "-1", "投诉", null, code, u1, "单号重复", null, LocalDate.of(2021, 3, 2), null, LocalDate.of(2021, 3, 5))
                .xlsx();
        JsonPath problem = importLedger(ledger, 422);
        assertThat(problem.getList("errors.line")).containsExactly(4, 5, 5, 5, 6);
        assertThat(problem.getList("errors.field")).containsExactly("serialNos", "type", "costCny", "closedAt", "caseNo");
        assertThat(problem.getString("errors[0].message")).contains("NO-SUCH-UNIT");
        assertThat(Sql.count("select count(*) from service_case where case_no like ?", no + "-%")).isZero();
    }
    @Test
    void aComplaintAboutServiceWithoutUnitsImportsAsALiveOneWouldAndAClaimWithoutUnitsDoesNot() {
        String code = Api.unique("nu");
        String customerId = Api.newCustomer(code);
        Fixtures.unit(customerId, "PASSENGER_CAR", LocalDate.of(2020, 6, 1));
        String no = Api.unique("KS-N");
        // Refused, and nothing imported: a claim names its units; a returned unit is a unit of the case.
        byte[] bad = Sheet.of(LedgerColumns.HEADERS.toArray())
                .row(no + "-1", "投诉", "低", code, null, "服务人员未按约定时间到场", null, LocalDate.of(2021, 3, 2), null,
                        LocalDate.of(2021, 3, 5))
                .row(no + "-2", "索赔", null, code, null, "索赔无钢印号", null, LocalDate.of(2021, 3, 2), null,
                        LocalDate.of(2021, 3, 20))
                .xlsx();
        JsonPath problem = importLedger(bad, 422);
        assertThat(problem.getList("errors.line")).containsExactly(3);
        assertThat(problem.getList("errors.field")).containsExactly("serialNos");
        assertThat(Sql.count("select count(*) from service_case where case_no like ?", no + "-%")).isZero();

        byte[] good = Sheet.of(LedgerColumns.HEADERS.toArray())
                .row(no + "-1", "投诉", "低", code, null, "服务人员未按约定时间到场", null, LocalDate.of(2021, 3, 2), null,
                        LocalDate.of(2021, 3, 5))
                .xlsx();
        importLedger(good, 200);
        // Routed by the customer's own product line (passenger cars: the sales manager), no unit, closed and imported.
        assertThat(Sql.text("select product_line || '|' || owner_role || '|' || status || '|' || (imported_at is not null) "
                + "|| '|' || (select count(*) from case_unit cu where cu.case_id = c.id) from service_case c where case_no = ?1",
                no + "-1")).isEqualTo("PASSENGER_CAR|SALES_MANAGER|CLOSED|true|0");
        // It counts as a complaint of its year, in no per-unit figure.
        JsonPath y2021 = kpis(UUID.fromString(customerId), "2021-01-01", "2021-12-31");
        assertThat(total(y2021, "cases", "cases")).isEqualTo(1);
        assertThat(total(y2021, "ppm", "failedUnits")).isZero();
        // Importing it again doubles nothing.
        assertThat(importLedger(good, 200).getInt("skipped")).isEqualTo(1);
    }
}
