package com.aftersales.cases;

import com.aftersales.shared.web.Sheets;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static com.aftersales.shared.web.Sheets.header;
import static com.aftersales.shared.web.Sheets.pair;
import static com.aftersales.shared.web.Sheets.title;

/**
 * A visit's technical service report (技术服务表) as the customary zh-CN workbook: the header (case, purpose, site,
 * units, people, times), the work done and the result, the readings, the parts used and the customer's confirmation.
 */
final class FieldVisitWorkbook {

    static final String MEDIA_TYPE = Sheets.XLSX;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private FieldVisitWorkbook() {
    }

    static byte[] write(FieldVisitReports.ReportSheet sheet, ZoneId zone) {
        FieldVisits.VisitView v = sheet.visit();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet ws = wb.newWorksheet("技术服务表");
            ws.width(0, 16);
            ws.width(1, 40);
            ws.width(2, 14);
            ws.width(3, 18);
            int row = title(ws, "技术服务表", 3);
            row = pair(ws, row, sheet.caseType() == CaseType.SERVICE ? "服务单号" : "客诉单号", sheet.caseNo());
            row = pair(ws, row, "服务类型", purpose(v.purpose()));
            row = pair(ws, row, "计划日期", v.plannedDate().toString());
            row = pair(ws, row, "服务地点", v.site());
            row = pair(ws, row, "产品钢印号", String.join("、", sheet.serialNos()));
            row = pair(ws, row, "服务人员", String.join("、", v.technicians()));
            row = pair(ws, row, "服务工程师", v.engineer());
            row = pair(ws, row, "状态", status(v.status()));
            row = pair(ws, row, "开始时间", time(v.startedAt(), zone));
            row = pair(ws, row, "完成时间", time(v.completedAt(), zone));
            row = pair(ws, row, "工作内容", v.workDone());
            ws.style(row - 1, 1).wrapText(true).set();
            row = pair(ws, row, "服务结果", v.result());
            ws.style(row - 1, 1).wrapText(true).set();

            row++;
            header(ws, row++, "测量项目", "测量值", "单位", "测量时间");
            for (FieldVisit.VisitReading r : v.readings()) {
                ws.value(row, 0, r.name());
                ws.value(row, 1, r.value());
                ws.value(row, 2, r.unit() == null ? "" : r.unit());
                ws.value(row, 3, time(r.occurredAt(), zone));
                row++;
            }

            row++;
            header(ws, row++, "零件号", "零件名称", "数量", "备件目录");
            for (FieldVisit.UsedPart p : v.partsUsed()) {
                ws.value(row, 0, p.partNo());
                ws.value(row, 1, p.name() == null ? "" : p.name());
                ws.value(row, 2, p.quantity());
                ws.value(row, 3, p.sparePartId() == null ? "未编目" : "已编目");
                row++;
            }

            row++;
            FieldVisits.VisitConfirmation c = v.confirmation();
            header(ws, row++, "客户确认", "", "", "");
            row = pair(ws, row, "确认人", c == null ? "未确认" : c.name());
            row = pair(ws, row, "确认时间", c == null ? "" : time(c.occurredAt(), zone));
            pair(ws, row, "客户签字", c == null ? "" : sheet.signatureFile() == null ? "无" : "见附件 " + sheet.signatureFile());
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String time(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZoneSameInstant(zone));
    }

    static String purpose(FieldVisit.Purpose purpose) {
        return switch (purpose) {
            case ON_SITE_REPAIR -> "现场维修";
            case COMMISSIONING -> "调试";
            case DELIVERY_SERVICE -> "交付服务";
            case TRAINING -> "培训";
            case TECHNICAL_EXCHANGE -> "技术交流";
        };
    }

    private static String status(FieldVisit.Status status) {
        return switch (status) {
            case PLANNED -> "计划";
            case STARTED -> "进行中";
            case COMPLETED -> "已完成";
            case CANCELLED -> "已取消";
        };
    }
}
