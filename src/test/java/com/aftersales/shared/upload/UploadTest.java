package com.aftersales.shared.upload;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.support.Sheet;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The upload reader on its own: bytes in, rows and issues out (no Quarkus, no database). */
class UploadTest {

    enum Colour { RED, GREEN }

    static final Column SERIAL = Column.required("serialNo", "serial_no", "钢印号");
    static final Column DAY = Column.optional("deliveryDate", "交付日期");
    static final Column COLOUR = Column.optional("colour", "颜色");
    static final Columns EXACT = Columns.exactly(SERIAL, DAY, COLOUR);
    static final Columns LENIENT = Columns.amongOthers(SERIAL, DAY, COLOUR);

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ProblemException problem(Runnable read) {
        return catchThrowableOfType(ProblemException.class, read::run);
    }

    static List<Integer> lines(List<Issue> issues) {
        return issues.stream().map(Issue::line).toList();
    }

    @Test
    void readsUtf8WithOrWithoutBomAndChineseOrEnglishHeadersIgnoringCaseAndSpaces() {
        for (String file : List.of("\uFEFF钢印号,交付日期\nA1,2024-03-05\n", "serialNo,deliveryDate\nA1,2024-03-05\n",
                " Serial No ,DELIVERY\u3000date\nA1,2024-03-05\n", "SERIAL_NO,\u00A0交付日期\nA1,2024-03-05\n")) {
            Upload upload = Upload.read(utf8(file), EXACT, 10);
            assertThat(upload.issues()).as(file).isEmpty();
            assertThat(upload.rows()).as(file).singleElement().satisfies(row -> {
                assertThat(row.line()).isEqualTo(2);
                assertThat(row.text(SERIAL)).isEqualTo("A1");
                assertThat(row.date(DAY)).isEqualTo(LocalDate.of(2024, 3, 5));
                assertThat(row.text(COLOUR)).isNull();
            });
        }
    }

    @Test
    void readsWhatChineseExcelWritesAndRefusesBytesOfNoKnownEncoding() {
        // Chinese Excel saves CSV in GBK/GB18030 by default, or as "CSV UTF-8" with a BOM: the same rows either way.
        String rows = "钢印号\nA1甲\n";
        for (byte[] body : List.of(rows.getBytes(Charset.forName("GBK")), rows.getBytes(Charset.forName("GB18030")),
                utf8("\uFEFF" + rows), utf8(rows))) {
            assertThat(Upload.read(body, EXACT, 10).rows()).hasSize(1);
        }
        byte[] broken = {'s', 'e', 'r', 'i', 'a', 'l', 'N', 'o', '\n', 'A', (byte) 0xC3, 0x28, '\n'};
        byte[] replaced = utf8("serialNo\nA\uFFFD1\n"); // what a gateway passes on for bytes it could not decode
        for (byte[] body : List.of(broken, replaced)) {
            ProblemException p = problem(() -> Upload.read(body, EXACT, 10));
            assertThat(p.status()).isEqualTo(415);
            assertThat(p.code()).isEqualTo("import_not_utf8");
        }
    }

    @Test
    void refusesEmptyAndUnreadableFiles() {
        assertThat(problem(() -> Upload.read(new byte[0], EXACT, 10)).code()).isEqualTo("import_empty");
        assertThat(problem(() -> Upload.read(utf8("serialNo\n\n \n"), EXACT, 10)).code()).isEqualTo("import_empty");
        ProblemException unreadable = problem(() -> Upload.read(utf8("serialNo\n\"A1\n"), EXACT, 10));
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("import_unreadable");
    }

    @Test
    void aMissingRequiredColumnIsReportedAtLineOne() {
        ProblemException p = problem(() -> Upload.read(utf8("交付日期,colour,colour,size\n2024-01-01,RED,RED,L\n"), EXACT, 10));
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.code()).isEqualTo("import_rejected");
        assertThat(p.issues()).extracting(Issue::line, Issue::field, Issue::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "colour", "import.repeated_column"),
                org.assertj.core.groups.Tuple.tuple(1, "size", "import.unknown_column"),
                org.assertj.core.groups.Tuple.tuple(1, "serialNo", "import.missing_column"));
        // Among other columns: unknown ones are ignored, a missing required one is still reported.
        ProblemException lenient = problem(() -> Upload.read(utf8("交付日期,size\n2024-01-01,L\n"), LENIENT, 10));
        assertThat(lenient.issues()).extracting(Issue::line, Issue::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "serialNo"));
    }

    @Test
    void blankLinesAreSkippedAndLinesKeepTheirNumbers() {
        Upload upload = Upload.read(utf8("serialNo,colour\n\nA1,RED\n   \nA2,GREEN\n\n"), EXACT, 2);
        assertThat(upload.issues()).isEmpty();
        assertThat(upload.rows()).extracting(UploadRow::line).containsExactly(3, 5);
    }

    @Test
    void exactColumnsWantEveryRowAsWideAsTheHeaderOthersReadShortRowsAsEmpty() {
        Upload exact = Upload.read(utf8("serialNo,colour\nA1\nA2,RED,extra\nA3,RED\n"), EXACT, 10);
        assertThat(exact.rows()).extracting(UploadRow::line).containsExactly(4);
        assertThat(exact.issues()).extracting(Issue::line, Issue::field, Issue::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "*", "import.column_count"),
                org.assertj.core.groups.Tuple.tuple(3, "*", "import.column_count"));
        Upload lenient = Upload.read(utf8("serialNo,size,colour\nA1\nA2,L,RED,extra\n"), LENIENT, 10);
        assertThat(lenient.issues()).isEmpty();
        assertThat(lenient.rows().get(0).text(COLOUR)).isNull();
        assertThat(lenient.rows().get(1).oneOf(COLOUR, Colour.values())).isEqualTo(Colour.RED);
    }

    @Test
    void theRowCapIsAParameterAndBlankLinesDoNotCount() {
        String three = "serialNo\nA1\nA2\n\nA3\n";
        assertThat(Upload.read(utf8(three), EXACT, 3).rows()).hasSize(3);
        ProblemException justOver = problem(() -> Upload.read(utf8(three), EXACT, 2));
        assertThat(justOver.status()).isEqualTo(413);
        assertThat(justOver.code()).isEqualTo("import_too_many_rows");
        assertThat(justOver.args()).containsExactly(3, 2);
        ProblemException farOver = problem(() -> Upload.read(utf8("serialNo\n" + "A\n".repeat(50)), EXACT, 2));
        assertThat(farOver.args()).containsExactly("> 2", 2);
    }

    @Test
    void datesInTheFormatsPeopleTypeAndEveryWrongOneAnIssueWithItsLine() {
        Upload upload = Upload.read(utf8("""
                serialNo,deliveryDate
                A1,2024-03-05
                A2,2024/3/5
                A3,2024-3-5
                A4,2024/03/05
                A5,2024-02-30
                A6,2024/03-05
                A7,05.03.2024
                A8,2024-13-01
                A9,
                A10,2024年3月5日
                A11,45356
                A12,2024年2月30日
                A13,0
                A14,123456
                """), EXACT, 20);
        LocalDate day = LocalDate.of(2024, 3, 5);
        // 45356: the Excel serial number of 2024-03-05 (a date cell saved without its format)
        assertThat(upload.rows().stream().map(r -> r.date(DAY)).toList()).containsExactly(
                day, day, day, day, null, null, null, null, null, day, day, null, null, null);
        assertThat(upload.issues()).allSatisfy(i -> {
            assertThat(i.field()).isEqualTo("deliveryDate");
            assertThat(i.key()).isEqualTo("validation.date");
        });
        assertThat(lines(upload.issues())).containsExactly(6, 7, 8, 9, 13, 14, 15);
    }

    @Test
    void cellReadersCollectIssuesPerRow() {
        Upload upload = Upload.read(utf8("serialNo,colour\nA1,green\n,BLUE\nA3,\n"), EXACT, 10);
        List<UploadRow> rows = upload.rows();
        assertThat(rows.get(0).oneOf(COLOUR, Colour.values())).isEqualTo(Colour.GREEN);
        assertThat(rows.get(0).hasIssues()).isFalse();
        UploadRow second = rows.get(1);
        second.required(SERIAL, second.text(SERIAL));
        assertThat(second.oneOf(COLOUR, Colour.values())).isNull();
        assertThat(second.hasIssues()).isTrue();
        assertThat(rows.get(2).oneOf(COLOUR, Colour.values())).as("empty: no issue").isNull();
        assertThat(rows.get(2).requiredOneOf(COLOUR, Colour.values())).isNull();
        assertThat(rows.get(2).text(SERIAL, 1)).isEqualTo("A3");
        assertThat(upload.issues()).extracting(Issue::line, Issue::field, Issue::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "serialNo", "validation.required"),
                org.assertj.core.groups.Tuple.tuple(3, "colour", "validation.one_of"),
                org.assertj.core.groups.Tuple.tuple(4, "colour", "validation.one_of"),
                org.assertj.core.groups.Tuple.tuple(4, "serialNo", "validation.max_length"));
        assertThat(upload.issues().get(1).args()).containsExactly("RED, GREEN");
    }

    @Test
    void aRejectionListsIssuesByLineAtMost500AndCountsThemAll() {
        Upload upload = Upload.read(utf8("serialNo,deliveryDate\n" + "A,someday\n".repeat(600)), EXACT, 1000);
        List<UploadRow> rows = upload.rows();
        for (int i = rows.size() - 1; i >= 0; i--) {
            rows.get(i).date(DAY); // found in reverse: the rejection still lists them by line
        }
        upload.issues().add(Issue.atLine(2, "serialNo", "import.serial_exists", "A"));
        ProblemException p = problem(upload::rejectIfIssues);
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.code()).isEqualTo("import_rejected");
        assertThat(p.args()).containsExactly(601);
        assertThat(p.properties()).containsEntry("totalErrors", 601);
        assertThat(p.issues()).hasSize(500);
        assertThat(lines(p.issues())).isSorted().startsWith(2, 2, 3);
        assertThat(p.issues().get(1).key()).isEqualTo("import.serial_exists");
    }

    @Test
    void aCleanFileIsNotRejected() {
        Upload upload = Upload.read(utf8("serialNo\nA1\n"), EXACT, 10);
        upload.rejectIfIssues();
        assertThat(upload.rows()).hasSize(1);
    }

    @Test
    void theFirstSheetOfAnXlsxReadsAsTheSameRowsAsTheCsvInEveryEncoding() {
        String csv = "钢印号,交付日期,颜色\nA1甲,2024/3/5,red\n2024030512,2024年3月5日,GREEN\nA3,45356,\n";
        byte[] xlsx = Sheet.of("钢印号", "交付日期", "颜色")
                .row("A1甲", LocalDate.of(2024, 3, 5), "red")                       // a date cell
                .row(2024030512L, Sheet.date(LocalDate.of(2024, 3, 5), "yyyy\\年m\\月d\\日"), "GREEN") // a number cell
                .row("A3", 45356)                                                   // a serial typed in; an empty last cell
                .xlsx();
        List<List<Object>> expected = List.of(List.of("A1甲", LocalDate.of(2024, 3, 5), Colour.RED, 2),
                List.of("2024030512", LocalDate.of(2024, 3, 5), Colour.GREEN, 3), java.util.Arrays.asList("A3", LocalDate.of(2024, 3, 5), null, 4));
        for (byte[] body : List.of(csv.getBytes(Charset.forName("GBK")), csv.getBytes(Charset.forName("GB18030")),
                utf8("\uFEFF" + csv), xlsx)) {
            Upload upload = Upload.read(body, EXACT, 10);
            List<List<Object>> read = upload.rows().stream().map(r -> java.util.Arrays.<Object>asList(r.text(SERIAL), r.date(DAY),
                    r.oneOf(COLOUR, Colour.values()), r.line())).toList();
            assertThat(upload.issues()).isEmpty();
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void aBadSheetRowIsReportedWithItsRowNumberAndEmptyRowsKeepTheNumbering() {
        Upload upload = Upload.read(Sheet.of("serialNo", "deliveryDate", "colour")
                .row("A1", LocalDate.of(2024, 3, 5), "RED")
                .emptyRow()
                .row("A3", "2024-02-30", "BLUE")
                .row("A4", Sheet.dateTime(java.time.LocalDateTime.of(2024, 3, 5, 14, 30)), null)
                .row("A5", LocalDate.of(2024, 3, 5), "RED", "extra")
                .xlsx(), EXACT, 10);
        assertThat(upload.rows()).extracting(UploadRow::line).containsExactly(2, 4, 5);
        upload.rows().forEach(r -> {
            r.date(DAY);
            r.oneOf(COLOUR, Colour.values());
        });
        assertThat(upload.rows().get(2).dateTime(DAY)).isEqualTo(java.time.LocalDateTime.of(2024, 3, 5, 14, 30));
        assertThat(upload.issues()).extracting(Issue::line, Issue::field, Issue::key).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(4, "deliveryDate", "validation.date"),
                org.assertj.core.groups.Tuple.tuple(4, "colour", "validation.one_of"),
                org.assertj.core.groups.Tuple.tuple(6, "*", "import.column_count"));
    }

    @Test
    void aWorkbookKeepsTheRowCapAndAnUnreadableOrOldOneIsRefused() {
        Sheet sheet = Sheet.of("serialNo").row("A1").emptyRow().row("A2").row("A3");
        assertThat(Upload.read(sheet.xlsx(), EXACT, 3).rows()).hasSize(3);
        ProblemException over = problem(() -> Upload.read(sheet.xlsx(), EXACT, 2));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.args()).containsExactly(3, 2);
        byte[] truncated = java.util.Arrays.copyOf(sheet.xlsx(), 200);
        ProblemException unreadable = problem(() -> Upload.read(truncated, EXACT, 10));
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("import_workbook_unreadable");
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(problem(() -> Upload.read(xls, EXACT, 10)).code()).isEqualTo("import_xls");
        assertThat(problem(() -> Upload.read(Sheet.of().xlsx(), EXACT, 10)).code()).isEqualTo("import_empty");
    }

    @Test
    void dateTimesWithATimeOfDayOrAsSerialFractions() {
        Upload upload = Upload.read(utf8("serialNo,deliveryDate\nA1,2024/3/5 14:30\nA2,45356.5\nA3,2024-03-05 25:00\nA4,2024年3月5日\n"),
                EXACT, 10);
        assertThat(upload.rows().stream().map(r -> r.dateTime(DAY)).toList()).containsExactly(
                java.time.LocalDateTime.of(2024, 3, 5, 14, 30), java.time.LocalDateTime.of(2024, 3, 5, 12, 0), null,
                java.time.LocalDateTime.of(2024, 3, 5, 0, 0));
        assertThat(upload.rows().get(0).date(DAY)).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(lines(upload.issues())).containsExactly(4);
    }

    @Test
    void oneHeaderNameCannotMeanTwoColumns() {
        assertThatThrownBy(() -> Columns.exactly(SERIAL, Column.optional("serial", "Serial No")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serialno");
    }
}
