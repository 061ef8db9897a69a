package com.aftersales.cases;

import com.aftersales.shared.web.Text;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Finds cases by any combination of filters, newest first, keyset-paged. Free text matches a substring of the
 * title or description, also in Chinese: the 2-character grams of the query must all be in the GIN-indexed grams
 * of the case, then LIKE confirms the substring.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseSearch {

    public record Filter(CaseStatus status, CaseType type, UUID customerId, ProductLine productLine, String ownerRole,
                         String ownerPerson, Severity severity, Boolean overdue, Boolean major, LocalDate from,
                         LocalDate to, SerialNo serialNo, String text) {
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    CaseViews views;

    @Inject
    Clock clock;

    public Page<CaseView> find(Filter f, PageRequest page, Locale locale) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        caller.customerScope().ifPresent(scope -> add(where, params, "c.customer_id = ?", scope));
        if (f.status() != null) {
            add(where, params, "c.status = ?", f.status().name());
        }
        if (f.type() != null) {
            add(where, params, "c.type = ?", f.type().name());
        }
        if (f.customerId() != null) {
            add(where, params, "c.customer_id = ?", f.customerId());
        }
        if (f.productLine() != null) {
            add(where, params, "c.product_line = ?", f.productLine().name());
        }
        if (f.ownerRole() != null) {
            add(where, params, "c.owner_role = ?", f.ownerRole());
        }
        if (f.ownerPerson() != null) {
            add(where, params, "c.owner_person = ?", f.ownerPerson());
        }
        if (f.severity() != null) {
            add(where, params, "c.severity = ?", f.severity().name());
        }
        if (f.major() != null) {
            add(where, params, "c.major = ?", f.major());
        }
        if (Boolean.TRUE.equals(f.overdue())) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            where.add("c.status not in (" + CaseStatus.NOT_OPEN_SQL + ") and (c.resolution_due < ?"
                    + (params.size() + 1) + " or (c.responded_at is null and c.first_response_due < ?" + (params.size() + 1) + "))");
            params.add(now);
        }
        if (f.from() != null) {
            add(where, params, "c.created_at >= ?", f.from().atStartOfDay(clock.getZone()).toOffsetDateTime());
        }
        if (f.to() != null) {
            add(where, params, "c.created_at < ?", f.to().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime());
        }
        if (f.serialNo() != null) {
            add(where, params, "exists (select 1 from case_unit cu where cu.case_id = c.id and cu.serial_no = ?)",
                    f.serialNo().value());
        }
        if (f.text() != null) {
            String text = f.text().strip().toLowerCase(Locale.ROOT);
            if (text.length() >= 2) {
                add(where, params, "c.search_grams @> aftersales_bigrams(?)", text);
            }
            String like = "%" + Text.likeLiteral(text) + "%";
            add(where, params, "lower(c.title || ' ' || c.description) like ?", like);
        }
        if (page.after() != null) {
            String[] key = page.after().split("\\|", 2);
            try {
                OffsetDateTime at = OffsetDateTime.parse(key[0]);
                UUID id = UUID.fromString(key[1]);
                where.add("(c.created_at, c.id) < (?" + (params.size() + 1) + ", ?" + (params.size() + 2) + ")");
                params.add(at);
                params.add(id);
            } catch (RuntimeException e) {
                throw ProblemException.badParameter("cursor", "validation.cursor");
            }
        }
        String sql = "select c.* from service_case c"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by c.created_at desc, c.id desc limit " + page.fetchSize();
        Query query = em.createNativeQuery(sql, ServiceCase.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<ServiceCase> rows = query.getResultList();
        Page<ServiceCase> found = page.page(rows, c -> c.createdAt.toString() + "|" + c.id, c -> c);
        return new Page<>(views.of(found.items(), locale), found.nextCursor(), found.limit());
    }

    private static void add(List<String> where, List<Object> params, String condition, Object value) {
        params.add(value);
        where.add(condition.replace("?", "?" + params.size()));
    }
}
