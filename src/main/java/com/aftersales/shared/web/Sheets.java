package com.aftersales.shared.web;

import org.dhatim.fastexcel.Worksheet;

/** The layout pieces the zh-CN report workbooks share: a title row, label–value pairs and table headers. */
public final class Sheets {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Sheets() {
    }

    /** The sheet's title in row 0 over columns 0 to {@code lastColumn}; returns the row after a blank one. */
    public static int title(Worksheet ws, String title, int lastColumn) {
        ws.value(0, 0, title);
        ws.range(0, 0, 0, lastColumn).merge();
        ws.style(0, 0).bold().fontSize(16).set();
        return 2;
    }

    /** A bold label and its value (blank for none) in columns 0 and 1; returns the next row. */
    public static int pair(Worksheet ws, int row, String label, String value) {
        ws.value(row, 0, label);
        ws.style(row, 0).bold().set();
        ws.value(row, 1, value == null ? "" : value);
        return row + 1;
    }

    /** A table's header row. */
    public static void header(Worksheet ws, int row, String... labels) {
        for (int i = 0; i < labels.length; i++) {
            ws.value(row, i, labels[i]);
            ws.style(row, i).bold().fillColor("DDEBF7").set();
        }
    }
}
