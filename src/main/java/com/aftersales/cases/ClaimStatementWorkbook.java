package com.aftersales.cases;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.web.Sheets;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static com.aftersales.shared.web.Sheets.header;
import static com.aftersales.shared.web.Sheets.pair;
import static com.aftersales.shared.web.Sheets.title;

/**
 * The monthly claim settlement statement (索赔结算单) as the customary zh-CN workbook: the customer and month, one row per
 * settled claim (case no., units, settlement, claimed and agreed per category, totals, settled) and a total row.
 */
final class ClaimStatementWorkbook {

    static final String MEDIA_TYPE = Sheets.XLSX;

    private static final int FIRST_AMOUNT = 6;

    private ClaimStatementWorkbook() {
    }

    static byte[] write(ClaimStatements.ClaimStatement statement) {
        CaseClaim.Category[] categories = CaseClaim.Category.values();
        List<String> labels = new ArrayList<>(List.of("序号", "客诉单号", "产品钢印号", "结算方式", "结算凭证号", "结算日期"));
        for (CaseClaim.Category c : categories) {
            labels.add(category(c) + "（索赔）");
            labels.add(category(c) + "（核定）");
        }
        labels.addAll(List.of("索赔合计", "核定合计", "结算金额"));
        int last = labels.size() - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet ws = wb.newWorksheet("索赔结算单");
            ws.width(1, 18);
            ws.width(2, 24);
            ws.width(4, 18);
            ws.width(5, 12);
            int row = title(ws, "索赔结算单", last);
            row = pair(ws, row, "客户", statement.customerName() + "（" + statement.customerCode() + "）");
            row = pair(ws, row, "结算月份", statement.month());
            row++;
            header(ws, row++, labels.toArray(String[]::new));
            int no = 1;
            for (ClaimStatements.ClaimStatementRow claim : statement.claims()) {
                ws.value(row, 0, no++);
                ws.value(row, 1, claim.caseNo());
                ws.value(row, 2, String.join("、", claim.serialNos()));
                ws.value(row, 3, Messages.text(Messages.ZH, "code.claim_settlement_kind." + claim.kind().name()));
                ws.value(row, 4, claim.reference());
                ws.value(row, 5, claim.settledOn().toString());
                amounts(ws, row, categories, claim.categories(), claim.claimedCny(), claim.agreedCny(), claim.settledCny());
                row++;
            }
            ws.value(row, 0, "合计");
            ws.style(row, 0).bold().set();
            amounts(ws, row, categories, statement.categories(), statement.claimedCny(), statement.agreedCny(),
                    statement.settledCny());
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Claimed and agreed per category (0.00 where the category has no line), then the two totals and the settled. */
    private static void amounts(Worksheet ws, int row, CaseClaim.Category[] categories,
                                List<ClaimStatements.ClaimCategoryAmounts> amounts, BigDecimal claimed, BigDecimal agreed,
                                BigDecimal settled) {
        int col = FIRST_AMOUNT;
        for (CaseClaim.Category c : categories) {
            ClaimStatements.ClaimCategoryAmounts a = amounts.stream().filter(x -> x.category() == c).findFirst().orElse(null);
            money(ws, row, col++, a == null ? BigDecimal.ZERO : a.claimedCny());
            money(ws, row, col++, a == null ? BigDecimal.ZERO : a.agreedCny());
        }
        money(ws, row, col++, claimed);
        money(ws, row, col++, agreed);
        money(ws, row, col, settled);
    }

    private static void money(Worksheet ws, int row, int col, BigDecimal value) {
        ws.value(row, col, value.setScale(2));
        ws.style(row, col).format("0.00").set();
    }

    static String category(CaseClaim.Category category) {
        return Messages.text(Messages.ZH, "code.claim_category." + category.name());
    }
}
