package com.aftersales.ledger;

import com.aftersales.cases.HistoricalCases;
import com.aftersales.returns.HistoricalReturns;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger workbook: sheet 台帐 with the template's Chinese headers, and one row per case when it exports a ledger.
 * Dates are date cells and amounts number cells, so the import reads an export back as it reads a filled template.
 */
final class LedgerWorkbook {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String DATE_TIME = "yyyy-mm-dd hh:mm";

    private LedgerWorkbook() {
    }

    static byte[] write(List<HistoricalCases.LedgerCase> rows, Map<UUID, HistoricalReturns.LedgerReturn> returns, ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "aftersales", "1.0");
            Worksheet ws = wb.newWorksheet("台帐");
            for (int c = 0; c < LedgerColumns.HEADERS.size(); c++) {
                ws.value(0, c, LedgerColumns.HEADERS.get(c));
                ws.style(0, c).bold().fillColor("DDEBF7").set();
            }
            int r = 1;
            for (HistoricalCases.LedgerCase row : rows) {
                HistoricalReturns.LedgerReturn ret = returns.get(row.id());
                ws.value(r, 0, row.caseNo());
                ws.value(r, 1, row.type().name());
                ws.value(r, 2, row.severity().name());
                ws.value(r, 3, row.customerCode());
                ws.value(r, 4, String.join("、", row.serials()));
                ws.value(r, 5, row.description());
                if (row.failureDate() != null) {
                    ws.value(r, 6, row.failureDate());
                    ws.style(r, 6).format("yyyy-mm-dd").set();
                }
                dateTime(ws, r, 7, row.receivedAt(), zone);
                dateTime(ws, r, 8, row.firstRespondedAt(), zone);
                dateTime(ws, r, 9, row.closedAt(), zone);
                if (row.costCny() != null) {
                    ws.value(r, 10, row.costCny());
                    ws.style(r, 10).format("0.00").set();
                }
                if (ret != null) {
                    ws.value(r, 11, ret.returnNos());
                    if (ret.verdict() != null) {
                        ws.value(r, 12, ret.verdict());
                    }
                }
                if (row.eightDNo() != null) {
                    ws.value(r, 13, row.eightDNo());
                }
                r++;
            }
            ws.width(5, 40);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void dateTime(Worksheet ws, int r, int c, OffsetDateTime at, ZoneId zone) {
        if (at != null) {
            ws.value(r, c, at.atZoneSameInstant(zone).toLocalDateTime());
            ws.style(r, c).format(DATE_TIME).set();
        }
    }
}
