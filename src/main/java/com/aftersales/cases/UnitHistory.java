package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.unit.SerialNo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * 售后维修档案: a unit's after-sales archive in time order (oldest first): its cases, field visits, costs and
 * returns and recalls, its replacement (REPLACED_BY the unit that replaced it, REPLACES the one it replaced) and its
 * software updates (kind SOFTWARE, status the source, at the update's time), in one query (returns and recalls through
 * the views their areas publish). A customer account sees the cases (with their visits and returns) filed for its own
 * customer, never those of a customer the unit belonged to before, and no costs; the unit's recall campaigns,
 * replacement and software updates are facts about the unit and shown to its current customer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class UnitHistory {

    @RegisterForReflection
    @Schema(name = "UnitHistoryEntry")
    public record Entry(OffsetDateTime at, String kind, UUID id, UUID caseId, String caseNo, String status,
                        String summary) {
    }

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    /**
     * One statement, the unit by serial number and its archive, read with plain JDBC (no entity, no result-type
     * resolution per execution: bench/ablation.sh measured the entity lookup, a second round trip and Hibernate's
     * native-query path as most of the service's own cost of this read). Every row carries the unit's id and customer,
     * and a unit without entries gives one row of them alone, so an unknown serial is no row at all.
     */
    public Page<Entry> of(SerialNo serialNo, PageRequest page) {
        boolean withCosts = caller.isStaff();
        // A customer account sees the records of its own customer only: the unit may have belonged to another customer
        // when a case was filed (resale, repair for another fleet); each case carries the customer of its day.
        Optional<UUID> scope = caller.customerScope();
        String customerCases = scope.isPresent() ? " and c.customer_id = ?" : "";
        String sql = """
                with u as (
                    select id, serial_no, customer_id, replaced_at, replaced_by_unit_id, replaces_unit_id from unit_record
                    where serial_no = ?
                ), unit_cases as (
                    select c.* , cu.regime from u join case_unit cu on cu.unit_id = u.id join service_case c on c.id = cu.case_id
                    where true""" + customerCases + """

                ), entries as (
                    select c.created_at as at, 'CASE' as kind, c.id, c.id as case_id, c.case_no, c.status,
                           c.type || ' · ' || c.regime || ' · ' || c.title
                               || case when c.imported_at is not null then ' · 台帐导入' else '' end as summary
                    from unit_cases c
                    union all
                    select coalesce(v.completed_at, v.started_at, v.created_at), 'VISIT', v.id, c.id, c.case_no, v.status,
                           v.purpose || ' · ' || v.planned_date || ' · ' || v.site || coalesce(' · ' || v.result, '')
                    from field_visit v join unit_cases c on c.id = v.case_id
                    union all
                    select k.created_at, 'COST', k.id, c.id, c.case_no, k.status,
                           k.category || ' · ' || to_char(k.amount_cny, 'FM999999999990.00') || ' CNY · ' || k.billed_to
                    from case_cost k join unit_cases c on c.id = k.case_id, u
                    where (k.serial_no is null or k.serial_no = u.serial_no) and\s""" + withCosts + """

                    union all
                    select r.at, 'RETURN', r.return_id, r.case_id, c.case_no, r.status, r.summary
                    from u join return_unit_history r on r.unit_id = u.id join service_case c on c.id = r.case_id
                    where true""" + customerCases + """

                    union all
                    select r.at, 'RECALL', r.campaign_id, null, null, r.remedy_status, r.summary
                    from u join recall_unit_history r on r.unit_id = u.id
                    union all
                    select u.replaced_at, 'REPLACED_BY', n.id, null, null, 'REPLACED', '→ ' || n.serial_no
                    from u join unit_record n on n.id = u.replaced_by_unit_id
                    union all
                    select p.replaced_at, 'REPLACES', p.id, null, null, 'REPLACED', '← ' || p.serial_no
                    from u join unit_record p on p.id = u.replaces_unit_id
                    union all
                    select h.updated_at, 'SOFTWARE', h.id, null, null, h.source,
                           h.component || ' ' || coalesce(h.from_version, '–') || ' → ' || h.to_version
                               || coalesce(' · ' || h.reference_kind || ' ' || h.reference_id, '')
                    from u join unit_software_history h on h.unit_id = u.id
                )
                select u.id, u.customer_id, e.at, e.kind, e.id, e.case_id, e.case_no, e.status, e.summary
                from u left join (
                    select * from entries
                """ + (page.after() == null ? "" : "    where (at, id) > (?, ?)\n")
                + "    order by at, id limit " + page.fetchSize() + "\n) e on true\norder by e.at, e.id";
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (page.after() != null) {
            String[] key = page.after().split("\\|", 2);
            try {
                afterAt = OffsetDateTime.parse(key[0]);
                afterId = UUID.fromString(key[1]);
            } catch (RuntimeException e) {
                throw ProblemException.badParameter("cursor", "validation.cursor");
            }
        }
        OffsetDateTime cursorAt = afterAt;
        UUID cursorId = afterId;
        List<Entry> entries = new ArrayList<>();
        UUID customer = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                int i = 0;
                statement.setString(++i, serialNo.value());
                if (scope.isPresent()) {
                    statement.setObject(++i, scope.get());
                    statement.setObject(++i, scope.get());
                }
                if (cursorAt != null) {
                    statement.setObject(++i, cursorAt);
                    statement.setObject(++i, cursorId);
                }
                UUID owner = null;
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        owner = r.getObject(2, UUID.class);
                        if (r.getString(4) != null) {
                            entries.add(new Entry(r.getObject(3, OffsetDateTime.class), r.getString(4), r.getObject(5, UUID.class),
                                    r.getObject(6, UUID.class), r.getString(7), r.getString(8), r.getString(9)));
                        }
                    }
                }
                return owner; // a unit always has a customer: none means no such unit
            }
        });
        // Unknown and foreign serials get the same answer: a customer account learns nothing about other customers.
        if (customer == null || !caller.maySee(customer)) {
            throw ProblemException.notFound("unit", serialNo.value());
        }
        return page.page(entries, e -> e.at() + "|" + e.id(), e -> e);
    }
}
