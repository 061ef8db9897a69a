package com.aftersales.returns;

import com.aftersales.unit.UnitRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Returns from the quality center's returns ledger, written as they ended: closed, under the ledger's return number,
 * each unit with the ledger's verdict (NTF or defect confirmed) judged on the given day, so the NTF rate of that month
 * counts them. See ledger.LedgerImport.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class HistoricalReturns {

    /** A closed return of a historical case; verdict null: returned without a verdict in the ledger. */
    public record Historical(UUID caseId, String returnNo, List<UnitRecord> units, Verdict verdict, OffsetDateTime judgedAt,
                             OffsetDateTime closedAt) {
    }

    public enum Verdict { DEFECT_CONFIRMED, NTF }

    /** What the ledger shows of a case's returns: its return numbers and verdicts. */
    public record LedgerReturn(String returnNos, String verdict) {
    }

    @Inject
    EntityManager em;

    /** Which of these return numbers are returns already. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> existing(Collection<String> returnNos) {
        if (returnNos.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select return_no from return_order where return_no = any(cast(?1 as text[]))")
                .setParameter(1, returnNos.toArray(String[]::new)).getResultList();
        return new HashSet<>(found);
    }

    public void write(List<Historical> returns) {
        for (Historical h : returns) {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("""
                    insert into return_order (id, return_no, case_id, reason, status, authorised_by, received_at,
                        received_by, closed_at, created_at, updated_at)
                    values (?1, ?2, ?3, '台帐退货', 'CLOSED', 'ledger-import', ?4, 'ledger-import', ?4, ?4, ?4)""")
                    .setParameter(1, id).setParameter(2, h.returnNo()).setParameter(3, h.caseId())
                    .setParameter(4, h.closedAt()).executeUpdate();
            for (UnitRecord unit : h.units()) {
                em.createNativeQuery("""
                        insert into return_unit (return_id, unit_id, serial_no, verdict, judged_by, judged_at)
                        values (?1, ?2, ?3, cast(?4 as text), cast(?5 as text), cast(?6 as timestamptz))""")
                        .setParameter(1, id).setParameter(2, unit.id()).setParameter(3, unit.serialNo())
                        .setParameter(4, h.verdict() == null ? null : h.verdict().name())
                        .setParameter(5, h.verdict() == null ? null : "ledger-import")
                        .setParameter(6, h.verdict() == null ? null : h.judgedAt()).executeUpdate();
            }
        }
    }

    /** The returns of these cases: return numbers (、-separated) and the verdict (NTF when every judged unit was NTF). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, LedgerReturn> ofCases(Collection<UUID> caseIds) {
        Map<UUID, LedgerReturn> byCase = new HashMap<>();
        if (caseIds.isEmpty()) {
            return byCase;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select ro.case_id, string_agg(distinct ro.return_no, '、'),
                       case when bool_and(ru.verdict = 'NTF') then 'NTF'
                            when bool_or(ru.verdict = 'DEFECT_CONFIRMED') then 'DEFECT_CONFIRMED' end
                from return_order ro left join return_unit ru on ru.return_id = ro.id
                where ro.case_id = any(cast(?1 as uuid[]))
                group by ro.case_id""").setParameter(1, caseIds.toArray(UUID[]::new)).getResultList();
        rows.forEach(r -> byCase.put((UUID) r[0], new LedgerReturn((String) r[1], (String) r[2])));
        return byCase;
    }
}
