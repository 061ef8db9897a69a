package com.aftersales.ledger;

import com.aftersales.cases.HistoricalCases;
import com.aftersales.returns.HistoricalReturns;
import com.aftersales.shared.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The live ledgers (live and imported cases) in the import's template. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LedgerExport {

    /** The complaint ledger (every case) or the returns ledger (the cases with a return). */
    public enum Kind { COMPLAINTS, RETURNS }

    /** At most this many days in one export (the KPIs look back three years; a workbook is built in memory). */
    static final int MAX_DAYS = 5 * 366;

    @Inject
    HistoricalCases cases;

    @Inject
    HistoricalReturns returns;

    @Inject
    Clock clock;

    public byte[] export(Kind kind, LocalDate from, LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(clock) : to;
        LocalDate first = from == null ? last.minusYears(3) : from;
        if (last.isBefore(first)) {
            throw ProblemException.badParameter("to", "ledger.to_before_from");
        }
        if (last.toEpochDay() - first.toEpochDay() > MAX_DAYS) {
            throw ProblemException.badParameter("from", "ledger.range_too_long", MAX_DAYS);
        }
        List<HistoricalCases.LedgerCase> rows = cases.ledger(first, last);
        Map<UUID, HistoricalReturns.LedgerReturn> byCase = returns.ofCases(rows.stream().map(HistoricalCases.LedgerCase::id).toList());
        if (kind == Kind.RETURNS) {
            rows = rows.stream().filter(r -> byCase.containsKey(r.id())).toList();
        }
        return LedgerWorkbook.write(rows, byCase, clock.getZone());
    }
}
