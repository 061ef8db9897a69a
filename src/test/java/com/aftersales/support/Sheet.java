package com.aftersales.support;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An .xlsx workbook built row by row, as a person fills one in Excel: text cells, number cells, date cells (a number
 * with a date format, as Excel stores them) and rows left empty, written by fastexcel.
 */
public final class Sheet {

    /**
     * A value in a cell with this number format, e.g. {@code date(day, "yyyy\\年m\\月d\\日")}: fastexcel writes a
     * format's quotes unescaped (the file is then unreadable), so a format here quotes nothing.
     */
    public record Dated(Object value, String format) {
    }

    private final List<Object[]> rows = new ArrayList<>();

    public static Sheet of(Object... header) {
        return new Sheet().row(header);
    }

    public static Dated date(LocalDate day, String format) {
        return new Dated(day, format);
    }

    public static Dated dateTime(LocalDateTime at) {
        return new Dated(at, "yyyy-mm-dd hh:mm");
    }

    /** A row of cells: String, Number, Boolean, LocalDate (format yyyy/m/d), {@link Dated}; null leaves a cell empty. */
    public Sheet row(Object... cells) {
        rows.add(cells);
        return this;
    }

    /** A row left empty: the next row's number is one higher. */
    public Sheet emptyRow() {
        rows.add(new Object[0]);
        return this;
    }

    public byte[] xlsx() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "aftersales-test", "1.0");
            Worksheet sheet = workbook.newWorksheet("Sheet1");
            for (int r = 0; r < rows.size(); r++) {
                Object[] cells = rows.get(r);
                for (int c = 0; c < cells.length; c++) {
                    write(sheet, r, c, cells[c]);
                }
            }
            workbook.newWorksheet("second sheet").value(0, 0, "not read");
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(Worksheet sheet, int r, int c, Object cell) {
        if (cell == null) {
            return;
        }
        if (cell instanceof Dated dated) {
            write(sheet, r, c, dated.value);
            sheet.style(r, c).format(dated.format).set();
        } else if (cell instanceof LocalDate day) {
            sheet.value(r, c, day);
            sheet.style(r, c).format("yyyy/m/d").set();
        } else if (cell instanceof LocalDateTime at) {
            sheet.value(r, c, at);
        } else if (cell instanceof Number n) {
            sheet.value(r, c, n);
        } else if (cell instanceof Boolean b) {
            sheet.value(r, c, b);
        } else {
            sheet.value(r, c, cell.toString());
        }
    }
}
