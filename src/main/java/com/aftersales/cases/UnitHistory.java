package com.aftersales.cases;

import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.UnitRecord;
import com.aftersales.unit.UnitRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * 售后维修档案: a unit's after-sales archive in time order (oldest first): its cases, field visits, costs and
 * returns and recalls, in one query (returns and recalls through the views their areas publish). A customer account
 * sees the cases (with their visits and returns) filed for its own customer, never those of a customer the unit belonged
 * to before, and no costs; the unit's recall campaigns are facts about the unit and shown to its current customer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class UnitHistory {

    @RegisterForReflection
    public record Entry(OffsetDateTime at, String kind, UUID id, UUID caseId, String caseNo, String status,
                        String summary) {
    }

    @Inject
    UnitRegistry units;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    public Page<Entry> of(SerialNo serialNo, PageRequest page) {
        UnitRecord unit = units.visible(serialNo, LockModeType.NONE);
        boolean withCosts = caller.isStaff();
        // A customer account sees the records of its own customer only: the unit may have belonged to another customer
        // when a case was filed (resale, repair for another fleet); each case carries the customer of its day.
        Optional<UUID> scope = caller.customerScope();
        String customerCases = scope.isPresent() ? " and c.customer_id = ?4" : "";
        int cursorAt = scope.isPresent() ? 5 : 4; // ordinal parameters have no gaps
        String sql = """
                with unit_cases as (
                    select c.* , cu.regime from case_unit cu join service_case c on c.id = cu.case_id where cu.unit_id = ?1"""
                + customerCases + """

                ), entries as (
                    select c.created_at as at, 'CASE' as kind, c.id, c.id as case_id, c.case_no, c.status,
                           c.type || ' · ' || c.regime || ' · ' || c.title as summary
                    from unit_cases c
                    union all
                    select coalesce(v.completed_at, v.started_at, v.created_at), 'VISIT', v.id, c.id, c.case_no, v.status,
                           v.purpose || ' · ' || v.planned_date || ' · ' || v.site || coalesce(' · ' || v.result, '')
                    from field_visit v join unit_cases c on c.id = v.case_id
                    union all
                    select k.created_at, 'COST', k.id, c.id, c.case_no, k.status,
                           k.category || ' · ' || to_char(k.amount_cny, 'FM999999999990.00') || ' CNY · ' || k.billed_to
                    from case_cost k join unit_cases c on c.id = k.case_id
                    where ?2 and (k.serial_no is null or k.serial_no = ?3)
                    union all
                    select r.at, 'RETURN', r.return_id, r.case_id, c.case_no, r.status, r.summary
                    from return_unit_history r join service_case c on c.id = r.case_id
                    where r.unit_id = ?1""" + customerCases + """

                    union all
                    select r.at, 'RECALL', r.campaign_id, null, null, r.remedy_status, r.summary
                    from recall_unit_history r
                    where r.unit_id = ?1
                )
                select at, kind, id, case_id, case_no, status, summary from entries
                """ + (page.after() == null ? "" : "where (at, id) > (?" + cursorAt + ", ?" + (cursorAt + 1) + ") ")
                + "order by at, id limit " + page.fetchSize();
        var query = em.createNativeQuery(sql)
                .setParameter(1, unit.id())
                .setParameter(2, withCosts)
                .setParameter(3, unit.serialNo());
        scope.ifPresent(customer -> query.setParameter(4, customer));
        if (page.after() != null) {
            String[] key = page.after().split("\\|", 2);
            try {
                query.setParameter(cursorAt, OffsetDateTime.parse(key[0])).setParameter(cursorAt + 1, UUID.fromString(key[1]));
            } catch (RuntimeException e) {
                throw com.aftersales.shared.error.ProblemException.badParameter("cursor", "validation.cursor");
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Entry> entries = rows.stream().map(r -> new Entry(SqlValues.offsetDateTime(r[0]), (String) r[1], (UUID) r[2], (UUID) r[3],
                (String) r[4], (String) r[5], (String) r[6])).toList();
        return page.page(entries, e -> e.at() + "|" + e.id(), e -> e);
    }
}
