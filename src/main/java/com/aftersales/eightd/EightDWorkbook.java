package com.aftersales.eightd;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import static com.aftersales.shared.web.Sheets.header;
import static com.aftersales.shared.web.Sheets.pair;
import static com.aftersales.shared.web.Sheets.title;

/**
 * An 8D report as the workbook OEMs expect: one sheet in the customary D0–D8 layout with zh-CN labels, the owner's
 * summary report at the end, and a second sheet with every action.
 */
final class EightDWorkbook {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private EightDWorkbook() {
    }

    static byte[] write(ReportView r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet ws = wb.newWorksheet("8D报告");
            ws.width(0, 18);
            ws.width(1, 60);
            ws.width(2, 14);
            ws.width(3, 14);
            ws.width(4, 10);
            int row = title(ws, "8D 问题解决报告", 4);
            row = pair(ws, row, "报告编号", r.reportNo());
            row = pair(ws, row, "标题", r.title());
            row = pair(ws, row, "相关客诉单", r.cases().stream().map(c -> c.caseNo() + (c.recurrence() ? "（再发）" : ""))
                    .collect(Collectors.joining("、")));
            row = pair(ws, row, "开始日期", text(r.openedOn()));
            row = pair(ws, row, "状态", r.status() == EightDReport.Status.CLOSED ? "已结案" : "进行中");
            row = pair(ws, row, "再发次数", String.valueOf(r.recurrenceCount()));
            row++;
            header(ws, row++, "阶段", "内容", "计划完成", "负责人", "状态");
            for (ReportView.DisciplineView d : r.disciplines()) {
                ws.value(row, 0, d.discipline() + " " + d.name());
                ws.value(row, 1, content(r, d));
                ws.value(row, 2, text(d.dueDate()));
                ws.value(row, 3, d.owner() == null ? "" : d.owner());
                ws.value(row, 4, d.status() == DisciplineEntry.Status.DONE ? "完成" : d.overdue() ? "逾期" : "未完成");
                ws.style(row, 1).wrapText(true).set();
                row++;
            }
            row++;
            ws.value(row, 0, "总结报告");
            ws.style(row, 0).bold().set();
            ws.value(row, 1, r.summary() == null ? "" : r.summary());
            ws.style(row, 1).wrapText(true).set();

            Worksheet actions = wb.newWorksheet("措施");
            actions.width(1, 50);
            header(actions, 0, "类型", "措施", "负责人", "计划完成", "状态", "完成日期", "效果验证");
            int a = 1;
            for (ReportView.ActionView action : r.actions()) {
                actions.value(a, 0, switch (action.kind()) {
                    case CONTAINMENT -> "临时遏制";
                    case CORRECTIVE -> "纠正";
                    case PREVENTIVE -> "预防";
                });
                actions.value(a, 1, action.description());
                actions.value(a, 2, action.owner());
                actions.value(a, 3, text(action.dueDate()));
                actions.value(a, 4, action.status().name());
                actions.value(a, 5, text(action.completedOn()));
                actions.value(a, 6, action.effectiveness() == null ? "" : action.effectiveness());
                a++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String content(ReportView r, ReportView.DisciplineView d) {
        StringBuilder text = new StringBuilder();
        switch (d.discipline()) {
            case D1 -> {
                text.append("组长：").append(r.champion() == null ? "" : r.champion()).append("\n");
                r.team().forEach(m -> text.append(m.name()).append(m.role() == null ? "" : "（" + m.role() + "）")
                        .append(m.department() == null ? "" : " " + m.department()).append("\n"));
            }
            case D2 -> {
                if (r.d2() != null) {
                    line(text, "What 什么问题", r.d2().what());
                    line(text, "Where 在哪里", r.d2().where());
                    line(text, "When 何时", r.d2().when());
                    line(text, "Who 谁", r.d2().who());
                    line(text, "Why 为什么是问题", r.d2().why());
                    line(text, "How 如何发生", r.d2().how());
                    line(text, "How many 多少", r.d2().howMany());
                    line(text, "Is / Is not 是/不是", r.d2().isNot());
                }
            }
            case D3 -> actions(text, r.actions(), EightDAction.Kind.CONTAINMENT);
            case D4 -> {
                line(text, "发生原因", r.d4Occurrence());
                line(text, "流出原因（为何未被探测到）", r.d4Escape());
            }
            case D5 -> actions(text, r.actions(), EightDAction.Kind.CORRECTIVE);
            case D6 -> {
                line(text, "效果验证", r.d6Verification());
                line(text, "验证日期", r.d6VerifiedOn() == null ? null : r.d6VerifiedOn().toString());
            }
            case D7 -> {
                if (r.d7() != null) {
                    List<EightDReport.UpdatedDocument> docs = r.d7().documents() == null ? List.of() : r.d7().documents();
                    docs.forEach(doc -> text.append("更新文件：").append(doc.type()).append(" ").append(doc.reference())
                            .append(doc.change() == null ? "" : " — " + doc.change()).append("\n"));
                    line(text, "经验教训", r.d7().lessons());
                }
                actions(text, r.actions(), EightDAction.Kind.PREVENTIVE);
            }
            default -> {
            }
        }
        if (d.content() != null) {
            text.append(d.content());
        }
        return text.toString().strip();
    }

    private static void actions(StringBuilder text, List<ReportView.ActionView> actions, EightDAction.Kind kind) {
        actions.stream().filter(a -> a.kind() == kind).forEach(a -> text.append("• ").append(a.description())
                .append("（").append(a.owner()).append("，").append(a.dueDate()).append("）\n"));
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append("：").append(value).append("\n");
        }
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
