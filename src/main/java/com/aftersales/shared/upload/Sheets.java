package com.aftersales.shared.upload;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.upload.Records.Line;
import com.aftersales.shared.upload.Records.RowCap;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The first sheet of an .xlsx workbook as records, each with its sheet row number, read by fastexcel-reader (a
 * streaming reader: aalto-xml's StAX parser, created directly, and commons-compress's zip reader, whose extra-field
 * table is built from constructor references; neither needs reflection or resources registered for the native image).
 * Cells become the text an import reads from a CSV of the same rows: a date cell its ISO date (and time, when it has
 * one), a number its plain decimal (a serial typed as a number is not 2.02E9), a formula its cached value.
 */
final class Sheets {

    /** Every .xlsx is a zip archive: local file header "PK\3\4". */
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** The compound-file signature of the old binary .xls, which is not read. */
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** Excel's built-in date and date-time formats (14–22, 45–47) and those of its Chinese locale (27–36, 50–58). */
    private static final Set<Integer> BUILT_IN_DATES = Set.of(14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36,
            50, 51, 52, 53, 54, 57, 58);
    /** Quoted text, escaped characters and [bracketed] colours or locales: what a format shows besides its codes. */
    private static final Pattern LITERALS = Pattern.compile("\"[^\"]*\"|\\\\.|\\[[^\\]]*\\]|_.|\\*.");
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);
    private static final BigDecimal SECONDS_A_DAY = BigDecimal.valueOf(86_400);

    private Sheets() {
    }

    static boolean isWorkbook(byte[] body) {
        return startsWith(body, ZIP);
    }

    static boolean isLegacyWorkbook(byte[] body) {
        return startsWith(body, OLE2);
    }

    /** The first sheet's rows; rows the sheet skips read as blank records, so every record keeps its row number. */
    static List<Line> firstSheet(byte[] body, int maxRows) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body), new ReadingOptions(true, false))) {
            Optional<Sheet> first = workbook.getSheet(0);
            if (first.isEmpty()) {
                return List.of();
            }
            LocalDate epoch = workbook.isDate1904() ? EPOCH_1904 : EPOCH_1900;
            List<Line> records = new ArrayList<>();
            RowCap cap = new RowCap(maxRows);
            try (Stream<Row> rows = first.get().openStream()) {
                Iterator<Row> it = rows.iterator();
                while (it.hasNext()) {
                    Row row = it.next();
                    int headerWidth = records.isEmpty() ? 0 : records.get(0).cells().size();
                    Line line = new Line(row.getRowNum(), cells(row, epoch, headerWidth));
                    if (line.blank()) {
                        continue; // a formatted but empty row: Upload skips blank records anyway
                    }
                    cap.count(records, line);
                    records.add(line);
                }
            }
            cap.end();
            return records;
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(400, "import_workbook_unreadable");
        }
    }

    /**
     * The row's cells up to its last one that is not empty, and at least as many as the header has: a sheet stores no
     * empty cells at a row's end (or stores formatted ones), where a CSV line has its commas.
     */
    private static List<String> cells(Row row, LocalDate epoch, int headerWidth) {
        String[] texts = new String[row.getCellCount()];
        int width = 0;
        for (int i = 0; i < texts.length; i++) {
            texts[i] = text(row.getCell(i), epoch);
            if (!texts[i].isBlank()) {
                width = i + 1;
            }
        }
        if (width == 0) {
            return List.of();
        }
        String[] cells = Arrays.copyOf(texts, Math.max(width, headerWidth));
        Arrays.fill(cells, Math.min(texts.length, cells.length), cells.length, "");
        return Arrays.asList(cells);
    }

    private static String text(Cell cell, LocalDate epoch) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> cell.asString();
            case BOOLEAN -> Boolean.TRUE.equals(cell.asBoolean()) ? "TRUE" : "FALSE";
            case NUMBER -> number(new BigDecimal(cell.getRawValue()), cell, epoch);
            case FORMULA, ERROR -> formulaResult(cell, epoch);
        };
    }

    /** A formula's cached value, as Excel last computed it: a number (or date) when it reads as one, else its text. */
    private static String formulaResult(Cell cell, LocalDate epoch) {
        String raw = cell.getRawValue();
        if (raw == null) {
            return "";
        }
        try {
            return number(new BigDecimal(raw), cell, epoch);
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static String number(BigDecimal value, Cell cell, LocalDate epoch) {
        if (isDate(cell) && value.signum() >= 0) {
            long seconds = value.multiply(SECONDS_A_DAY).setScale(0, RoundingMode.HALF_UP).longValueExact();
            LocalDateTime at = epoch.atStartOfDay().plusSeconds(seconds);
            return at.toLocalTime().toSecondOfDay() == 0 ? at.toLocalDate().toString() : at.toString().replace('T', ' ');
        }
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** A number shown as a date: a built-in date format, or a custom one with year or day codes (月/日 are literals). */
    static boolean isDate(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && BUILT_IN_DATES.contains(id)) {
            return true;
        }
        String format = cell.getDataFormatString();
        if (format == null) {
            return false;
        }
        String codes = LITERALS.matcher(format.split(";", 2)[0]).replaceAll("").toLowerCase(java.util.Locale.ROOT);
        return codes.contains("y") || codes.contains("d");
    }

    private static boolean startsWith(byte[] body, byte[] signature) {
        if (body.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (body[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
