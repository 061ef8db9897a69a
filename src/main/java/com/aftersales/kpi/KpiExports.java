package com.aftersales.kpi;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** KPI tables as a department KPI workbook (zh-CN) or as CSV (one table). */
final class KpiExports {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    /** Codes shown to people in the workbook. */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("ALL", "合计"),
            Map.entry("COMMERCIAL_VEHICLE", "商用车"), Map.entry("PASSENGER_CAR", "乘用车"), Map.entry("MICRO_CAR", "微车"),
            Map.entry("SYSTEM", "系统"),
            Map.entry("COMPLAINT", "投诉"), Map.entry("GRIEVANCE", "抱怨"), Map.entry("CLAIM", "索赔"),
            Map.entry("RETURN_EXCHANGE", "退换货"), Map.entry("REPAIR", "维修"),
            Map.entry("LOW", "低"), Map.entry("MEDIUM", "中"), Map.entry("HIGH", "高"), Map.entry("CRITICAL", "严重"),
            Map.entry("TRAVEL", "差旅费"), Map.entry("SERVICE_STATION_FEE", "服务站费用"), Map.entry("PARTS", "备件费"),
            Map.entry("LABOUR", "工时费"), Map.entry("FREIGHT", "运费"));

    private KpiExports() {
    }

    static byte[] workbook(KpiReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet summary = wb.newWorksheet("KPI汇总");
            summary.width(0, 34);
            summary.width(1, 90);
            summary.value(0, 0, "售后服务部 KPI 报表");
            summary.style(0, 0).bold().fontSize(16).set();
            summary.value(1, 0, "统计期间");
            summary.value(1, 1, report.from() + " 至 " + report.to());
            summary.value(2, 0, "分组");
            summary.value(2, 1, switch (report.groupBy() == null ? "" : report.groupBy()) {
                case "month" -> "按月";
                case "customer" -> "按客户";
                case "productLine" -> "按产品线";
                case "model" -> "按型号";
                default -> report.groupBy() != null && report.groupBy().startsWith("software:")
                        ? "按软件版本（" + report.groupBy().substring("software:".length()) + "，故障日期时的版本）" : "合计";
            });
            summary.value(4, 0, "指标");
            summary.value(4, 1, "定义（计算公式）");
            summary.style(4, 0).bold().fillColor("DDEBF7").set();
            summary.style(4, 1).bold().fillColor("DDEBF7").set();
            int row = 5;
            for (KpiReport.Table t : report.tables()) {
                summary.value(row, 0, t.title());
                summary.value(row, 1, t.formula());
                summary.style(row, 1).wrapText(true).set();
                row++;
            }
            for (KpiReport.Table t : report.tables()) {
                Worksheet ws = wb.newWorksheet(sheetName(t.title()));
                ws.value(0, 0, t.title());
                ws.style(0, 0).bold().fontSize(14).set();
                ws.value(1, 0, t.formula());
                for (int c = 0; c < t.columns().size(); c++) {
                    ws.width(c, c == 0 ? 24 : 16);
                    ws.value(3, c, t.columns().get(c).title());
                    ws.style(3, c).bold().fillColor("DDEBF7").borderStyle("thin").set();
                }
                int r = 4;
                for (Map<String, Object> line : t.rows()) {
                    int c = 0;
                    for (KpiReport.Column col : t.columns()) {
                        Object v = line.get(col.key());
                        if (v instanceof Number n) {
                            ws.value(r, c, n instanceof BigDecimal b ? b : n);
                        } else if (v != null) {
                            ws.value(r, c, LABELS.getOrDefault(v.toString(), v.toString()));
                        }
                        c++;
                    }
                    r++;
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * RFC 4180 CSV with a UTF-8 byte-order mark, so Excel opens the Chinese headers correctly. Every cell is quoted, and
     * a text that a spreadsheet would read as a formula is neutralised ({@link #cell(Object)}).
     */
    static byte[] csv(KpiReport.Table t) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        sb.append(String.join(",", t.columns().stream().map(c -> cell(c.title())).toList())).append("\r\n");
        for (Map<String, Object> line : t.rows()) {
            sb.append(String.join(",", t.columns().stream().map(c -> cell(line.get(c.key()))).toList())).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One CSV cell, always quoted. A number is written as it is; a text starting with {@code = + - @}, a tab or a
     * carriage return, which a spreadsheet would take for a formula (or a line break before one), gets a leading
     * {@code '} and is shown as text. Quoting keeps line breaks inside the cell, so {@code X\r\n=HYPERLINK(…)} never
     * starts a row of its own.
     */
    static String cell(Object value) {
        if (value == null) {
            return "\"\"";
        }
        String s = value instanceof BigDecimal b ? b.toPlainString() : value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String sheetName(String title) {
        String clean = title.replaceAll("[\\[\\]:*?/\\\\]", " ");
        return clean.length() > 31 ? clean.substring(0, 31) : clean;
    }
}
