package com.aftersales.returns;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.web.Sheets;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import static com.aftersales.shared.web.Sheets.header;
import static com.aftersales.shared.web.Sheets.pair;
import static com.aftersales.shared.web.Sheets.title;

/**
 * A debit note as the customary zh-CN document sent to the supplier (供应商索赔函 / 扣款通知单): supplier, case, return,
 * unit and its model, the cause, the share, the verified costs and the amount claimed, what was accepted and recovered,
 * then the evidence list.
 */
final class DebitNoteWorkbook {

    static final String MEDIA_TYPE = Sheets.XLSX;

    private DebitNoteWorkbook() {
    }

    static byte[] write(SupplierRecoveries.DebitNoteSheet sheet) {
        SupplierRecoveries.DebitNoteView n = sheet.note();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet ws = wb.newWorksheet("扣款通知单");
            ws.width(0, 18);
            ws.width(1, 40);
            ws.width(2, 40);
            int row = title(ws, "供应商索赔函（扣款通知单）", 2);
            row = pair(ws, row, "通知单号", n.debitNoteNo());
            row = pair(ws, row, "供应商", n.supplierName() + "（" + n.supplierCode() + "）");
            row = pair(ws, row, "开具日期", n.createdAt().toLocalDate().toString());
            row = pair(ws, row, "状态", Messages.text(Messages.ZH, "code.supplier_recovery_status." + n.status().name()));
            row = pair(ws, row, "客诉单号", n.caseNo());
            row = pair(ws, row, "退货单号", n.returnNo());
            row = pair(ws, row, "产品钢印号", n.serialNo());
            row = pair(ws, row, "产品型号（零部件）", sheet.productModel());
            row = pair(ws, row, "原因类别", "外购件缺陷");
            row = pair(ws, row, "责任比例", n.share().multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + "%");
            row = money(ws, row, "公司承担的已核实费用（元）", n.verifiedCaseCostsCny());
            row = pair(ws, row, "案件退货产品台数", String.valueOf(n.unitsReturnedOnCase()));
            row = money(ws, row, "索赔金额（元）", n.amountCny());
            row = money(ws, row, "供应商接受金额（元）", n.acceptedCny());
            row = money(ws, row, "已追回金额（元）", n.recoveredCny());
            row++;
            header(ws, row++, "证据类型", "编号/名称", "说明");
            for (SupplierRecoveries.EvidenceLine e : sheet.evidence()) {
                ws.value(row, 0, e.kind());
                ws.value(row, 1, e.reference());
                ws.value(row, 2, e.detail());
                row++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int money(Worksheet ws, int row, String label, BigDecimal value) {
        int next = pair(ws, row, label, null);
        if (value != null) {
            ws.value(row, 1, value.setScale(2));
            ws.style(row, 1).format("0.00").set();
        }
        return next;
    }
}
