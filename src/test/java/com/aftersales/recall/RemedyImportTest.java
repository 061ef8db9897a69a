package com.aftersales.recall;

import com.aftersales.shared.upload.Upload;
import com.aftersales.support.RecallBodies;
import com.aftersales.support.Sheet;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.aftersales.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The OEM's remedy CSV, read by the shared upload reader: the same encoding, dates and row cap as the unit import. */
@QuarkusTest
class RemedyImportTest {

    /** An active campaign over the fleet's five units of one model. */
    static String activeCampaign(RecallTest.Fleet f) {
        String id = RecallTest.campaign(RecallBodies.criteria().productModel(f.model()), null);
        String base = "/api/v1/recalls/" + id;
        as("GENERAL_MANAGER").header("If-Match", "\"0\"").body(RecallBodies.filing("SAMR-2026-0101"))
                .post(base + "/filing").then().statusCode(200);
        as("QUALITY_ENGINEER").header("If-Match", "\"1\"").post(base + "/activation").then().statusCode(200);
        return base;
    }

    static io.restassured.response.ValidatableResponse post(String base, byte[] csv) {
        String etag = as("QUALITY_ENGINEER").get(base).then().statusCode(200).extract().header("ETag");
        return as("QUALITY_ENGINEER").header("Accept-Language", "en").header("If-Match", etag).contentType("text/csv").body(csv)
                .post(base + "/remedies").then().log().ifValidationFails();
    }

    @Test
    void datesAreReadInTheFormatsOfTheUnitImportAndAWrongOneIsAnIssueAtItsLine() {
        RecallTest.Fleet f = RecallTest.fleet();
        String base = activeCampaign(f);
        List<String> s = f.aSerials();
        // 2025/5/6 was refused before; 2025/05-06 was read as 6 May because '/' became '-'.
        String csv = "serialNo,status,date\n" + s.get(0) + ",REMEDIED,2025/5/6\n" + s.get(1) + ",REMEDIED,2025/05-06\n"
                + s.get(2) + ",SCHEDULED,2025-5-7\n";
        post(base, csv.getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .body("errors.line", equalTo(List.of(3, 3)))
                .body("errors.field", equalTo(List.of("date", "date")))
                .body("errors[0].message", equalTo("must be a date YYYY-MM-DD"));
        post(base, csv.replace("2025/05-06", "2025/05/06").getBytes(StandardCharsets.UTF_8))
                .statusCode(200).body("updated", equalTo(3));
        as("QUALITY_ENGINEER").get(base + "/units?status=REMEDIED").then().statusCode(200)
                .body("items.find { it.serialNo == '" + s.get(0) + "' }.remedyDate", equalTo("2025-05-06"));
        as("QUALITY_ENGINEER").get(base + "/units?status=SCHEDULED").then().statusCode(200)
                .body("items[0].remedyDate", equalTo("2025-05-07"));
    }

    @Test
    void theRowCapComesFromConfiguration() {
        String base = activeCampaign(RecallTest.fleet());
        // aftersales.recalls.import.max-rows is 20 in tests: 20 rows are read (and rejected for unknown serials), 21 are too many.
        StringBuilder csv = new StringBuilder("钢印号,状态\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("NOPE-").append(i).append(",NOTIFIED\n");
        }
        post(base, csv.toString().getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .body("type", equalTo("urn:problem:aftersales:import_rejected")).body("totalErrors", equalTo(20));
        csv.append("NOPE-21,NOTIFIED\n");
        post(base, csv.toString().getBytes(StandardCharsets.UTF_8)).statusCode(413)
                .body("type", equalTo("urn:problem:aftersales:import_too_many_rows"))
                .body("detail", containsString("at most 20"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAsForUnitsAndOneWithBomAndBlankLinesIsRead() {
        RecallTest.Fleet f = RecallTest.fleet();
        String base = activeCampaign(f);
        String csv = "钢印号,状态,日期,原因\n\n" + f.bSerials().get(0) + ",NOTIFIED,,\n\n" + f.bSerials().get(1) + ",UNREACHABLE,,三次电话无人接听\n\n";
        post(base, csv.getBytes(Charset.forName("GBK"))).statusCode(415)
                .body("type", equalTo("urn:problem:aftersales:import_not_utf8"));
        post(base, ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8)).statusCode(200).body("updated", equalTo(2));
    }

    @Test
    void anOemsXlsxIsReadWithDateCellsAndABadRowIsReportedAtItsSheetRow() {
        RecallTest.Fleet f = RecallTest.fleet();
        String base = activeCampaign(f);
        List<String> s = f.aSerials();
        Sheet sheet = Sheet.of("钢印号", "状态", "日期")
                .row(s.get(0), "REMEDIED", java.time.LocalDate.of(2025, 5, 6))
                .emptyRow()
                .row(s.get(1), "REMEDIED", "2025/05-06");
        String etag = as("QUALITY_ENGINEER").get(base).then().statusCode(200).extract().header("ETag");
        as("QUALITY_ENGINEER").header("If-Match", etag).contentType("application/octet-stream").body(sheet.xlsx())
                .post(base + "/remedies").then().log().ifValidationFails().statusCode(422)
                .body("errors.line", equalTo(List.of(4, 4))).body("errors.field", equalTo(List.of("date", "date")));
        sheet = Sheet.of("钢印号", "状态", "日期")
                .row(s.get(0), "REMEDIED", java.time.LocalDate.of(2025, 5, 6))
                .emptyRow()
                .row(s.get(1), "REMEDIED", 45783);
        as("QUALITY_ENGINEER").header("If-Match", etag).contentType("application/octet-stream").body(sheet.xlsx())
                .post(base + "/remedies").then().log().ifValidationFails().statusCode(200).body("updated", equalTo(2));
        as("QUALITY_ENGINEER").get(base + "/units?status=REMEDIED").then().statusCode(200)
                .body("items.find { it.serialNo == '" + s.get(0) + "' }.remedyDate", equalTo("2025-05-06"))
                .body("items.find { it.serialNo == '" + s.get(1) + "' }.remedyDate", equalTo("2025-05-06"));
    }
}
