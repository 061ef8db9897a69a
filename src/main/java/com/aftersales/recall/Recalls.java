package com.aftersales.recall;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.AftersalesConfig;
import com.aftersales.cases.CaseReferences;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Recall campaigns: criteria, preview, filing approved by the general manager, activation that freezes the affected
 * units in one INSERT … SELECT and queues one notice per customer in one more, per-unit remedies, legal hold.
 */
@ApplicationScoped
@Transactional
public class Recalls {

    @Inject
    RecallCampaignRepository campaigns;

    public enum Remedy { NOTIFIED, SCHEDULED, REMEDIED, UNREACHABLE, EXEMPT }

    public record CampaignRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{2,40}", message = "{aftersales.recall.code}") String code,
            @NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 10_000) String defectDescription,
            @NotBlank @Size(max = 4000) String safetyRisk, @NotBlank @Size(max = 4000) String remedy,
            @Size(max = 100) String filingReference, @NotNull @Valid RecallCampaign.Criteria criteria) {
    }

    public record FilingRequest(@Size(max = 100) String filingReference) {
    }

    public record RemedyRequest(@NotNull Remedy status, LocalDate date, @Size(max = 500) String where, UUID caseId,
                                @Size(max = 2000) String reason) {
    }

    @RegisterForReflection
    public record CampaignView(UUID id, String code, String title, String defectDescription, String safetyRisk, String remedy,
                               String filingReference, RecallCampaign.Criteria criteria, RecallCampaign.Status status,
                               String filingApprovedBy, OffsetDateTime filedAt, OffsetDateTime activatedAt,
                               OffsetDateTime completedAt, OffsetDateTime closedAt, LocalDate holdUntil,
                               Integer affectedCount, String createdBy, long version, OffsetDateTime createdAt,
                               OffsetDateTime updatedAt) {
        static CampaignView of(RecallCampaign c) {
            return new CampaignView(c.id, c.code, c.title, c.defectDescription, c.safetyRisk, c.remedy, c.filingReference,
                    c.criteria, c.status(), c.filingApprovedBy(), c.filedAt(), c.activatedAt(), c.completedAt(), c.closedAt(),
                    c.holdUntil(), c.affectedCount(), c.createdBy, c.version, c.createdAt, c.updatedAt);
        }
    }

    /** A page of campaigns as staff see them. */
    @RegisterForReflection
    public record CampaignPage(List<CampaignView> items, String nextCursor, int limit) {
        static CampaignPage of(Page<CampaignView> page) {
            return new CampaignPage(page.items(), page.nextCursor(), page.limit());
        }
    }

    /**
     * A campaign as a customer account sees it: what is recalled, why and how it is remedied, and the figures of its own
     * units only. Never the selection criteria (other customers' ids, serial lists), the campaign's total count, the
     * filing or who drafted and approved it.
     */
    @RegisterForReflection
    public record CustomerCampaignView(UUID id, String code, String title, String defectDescription, String safetyRisk,
                                       String remedy, RecallCampaign.Status status, OffsetDateTime activatedAt,
                                       OffsetDateTime completedAt, OffsetDateTime closedAt, long ownUnits,
                                       long ownRemediedUnits) {
    }

    /** A page of campaigns as a customer account sees them. */
    @RegisterForReflection
    public record CustomerCampaignPage(List<CustomerCampaignView> items, String nextCursor, int limit) {
    }

    @RegisterForReflection
    public record Preview(long units, List<CustomerCount> customers) {
    }

    @RegisterForReflection
    public record CustomerCount(UUID customerId, String code, String name, long units) {
    }

    @RegisterForReflection
    @Schema(name = "RecallUnitView")
    public record UnitView(String serialNo, UUID customerId, String productModel, Remedy remedyStatus, LocalDate remedyDate,
                           String remedyWhere, UUID remedyCaseId, String exemptReason, OffsetDateTime updatedAt,
                           long version) {
    }

    static final String AUDIT_TYPE = "recall";

    @Inject
    EntityManager em;

    @Inject
    CaseReferences cases;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AftersalesConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    com.aftersales.cases.GmDelegations gmDelegations;

    public CampaignView create(@NotNull @Valid CampaignRequest request) {
        AffectedUnits.check(request.criteria());
        String code = request.code().strip().toUpperCase(Locale.ROOT);
        if (campaigns.count("code", code) > 0) {
            throw new ProblemException(409, "recall_code_taken", code);
        }
        RecallCampaign c = RecallCampaign.draft(code, request.title(), request.defectDescription(), request.safetyRisk(),
                request.remedy(), request.filingReference(), request.criteria(), caller.subject());
        campaigns.persistAndFlush(c);
        CampaignView view = CampaignView.of(c);
        audit.record(AUDIT_TYPE, c.id, "CREATE", null, view);
        return view;
    }

    public CampaignView update(@NotNull UUID id, long expectedVersion, @NotNull @Valid CampaignRequest request) {
        RecallCampaign c = locked(id, expectedVersion);
        CampaignView before = CampaignView.of(c);
        c.revise(request.title(), request.defectDescription(), request.safetyRisk(), request.remedy(),
                request.filingReference(), request.criteria());
        return audited(c, "UPDATE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Preview preview(@NotNull UUID id) {
        RecallCampaign c = staffCampaign(id);
        AffectedUnits.Condition cond = AffectedUnits.of(c.criteria, 1);
        Query q = em.createNativeQuery("select u.customer_id, cu.code, cu.name, count(*) from unit_record u join customer_name cu on cu.id = u.customer_id "
                + "where " + cond.sql() + " group by u.customer_id, cu.code, cu.name order by cu.code");
        bind(q, cond.params(), 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<CustomerCount> customers = rows.stream()
                .map(r -> new CustomerCount((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue())).toList();
        return new Preview(customers.stream().mapToLong(CustomerCount::units).sum(), customers);
    }

    /** The general manager approves the filing with the authority; a filing reference is required. */
    public CampaignView file(@NotNull UUID id, long expectedVersion, @NotNull @Valid FilingRequest request) {
        RecallCampaign found = campaigns.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("recall", id));
        // The general manager, or the deputy of a delegation in force (the delegation's audit trail records the act and
        // on whose behalf); anyone else 403 before anything is locked or compared.
        gmDelegations.requireGeneralManager("RECALL_FILING", "recall", found.id);
        RecallCampaign c = locked(id, expectedVersion);
        // The audit's "before" already shows the reference the filing is made under.
        c.referFiling(request.filingReference());
        CampaignView before = CampaignView.of(c);
        c.file(caller.subject(), OffsetDateTime.now(clock));
        return audited(c, "FILE", before);
    }

    /** Freezes the affected units (one INSERT … SELECT) and queues one notice per customer listing its units (one more). */
    public CampaignView activate(@NotNull UUID id, long expectedVersion) {
        RecallCampaign c = locked(id, expectedVersion);
        CampaignView before = CampaignView.of(c);
        c.activate(() -> freezeAndNotify(c), OffsetDateTime.now(clock),
                LocalDate.now(clock).plusYears(config.recalls().legalHoldYears()));
        return audited(c, "ACTIVATE", before);
    }

    /** The affected units, frozen in one INSERT … SELECT, and one notice per customer listing its units: how many units. */
    private int freezeAndNotify(RecallCampaign c) {
        AffectedUnits.Condition cond = AffectedUnits.of(c.criteria, 2);
        int stamp = 2 + cond.params().size();
        Query freeze = em.createNativeQuery("insert into recall_unit (campaign_id, unit_id, serial_no, customer_id, product_model, "
                + "product_line, remedy_status, updated_at) select ?1, u.id, u.serial_no, u.customer_id, "
                + "u.product_model, u.product_line, 'NOTIFIED', cast(?" + stamp + " as timestamptz) from unit_record u where "
                + cond.sql());
        freeze.setParameter(1, c.id);
        bind(freeze, cond.params(), 2);
        freeze.setParameter(stamp, OffsetDateTime.now(clock));
        int affected = freeze.executeUpdate();
        outbox.addAll(new Outbox.NoticeQuery(null, """
                        select 'RECALL_INITIAL' as kind, null as recipient_role, null as recipient_subject,
                               ru.customer_id as customer_id,
                               jsonb_build_object('campaignId', cast(?1 as text), 'campaignCode', cast(?4 as text),
                                                  'title', cast(?2 as text), 'defect', cast(?3 as text),
                                                  'risk', cast(?5 as text), 'remedy', cast(?6 as text),
                                                  'units', count(*), 'serials', jsonb_agg(ru.serial_no order by ru.serial_no)) as payload,
                               'recall:' || cast(?1 as text) || ':initial:' || ru.customer_id as dedupe_key
                        from recall_unit ru where ru.campaign_id = ?1
                        group by ru.customer_id""", null), c.id, c.title, c.defectDescription, c.code, c.safetyRisk, c.remedy);
        return affected;
    }

    /**
     * Completes the campaign when every unit is closed out (remedied, or unreachable / exempt with a reason). The
     * campaign row is locked; remedies take a share lock on it ({@link #active}), so no unit reopens while this counts.
     */
    public CampaignView complete(@NotNull UUID id, long expectedVersion) {
        RecallCampaign c = locked(id, expectedVersion);
        CampaignView before = CampaignView.of(c);
        c.complete(c.status() == RecallCampaign.Status.ACTIVE ? openUnits(c.id) : RecallCampaign.OpenUnits.NONE,
                OffsetDateTime.now(clock));
        return audited(c, "COMPLETE", before);
    }

    /** How many units are not closed out, and the first {@value #OPEN_UNITS_LISTED} of them by serial. */
    private RecallCampaign.OpenUnits openUnits(UUID campaignId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select serial_no, remedy_status, count(*) over () from recall_unit "
                        + "where campaign_id = ?1 and remedy_status <> 'REMEDIED' and not (remedy_status in ('UNREACHABLE', 'EXEMPT') "
                        + "and coalesce(btrim(exempt_reason), '') <> '') order by serial_no limit " + OPEN_UNITS_LISTED)
                .setParameter(1, campaignId).getResultList();
        if (rows.isEmpty()) {
            return RecallCampaign.OpenUnits.NONE;
        }
        List<RecallCampaign.OpenUnit> first = rows.stream().map(r -> new RecallCampaign.OpenUnit((String) r[0], (String) r[1],
                !"NOTIFIED".equals(r[1]) && !"SCHEDULED".equals(r[1]))).toList();
        return new RecallCampaign.OpenUnits(((Number) rows.get(0)[2]).longValue(), first);
    }

    static final int OPEN_UNITS_LISTED = 50;

    public CampaignView close(@NotNull UUID id, long expectedVersion) {
        RecallCampaign c = locked(id, expectedVersion);
        CampaignView before = CampaignView.of(c);
        c.close(OffsetDateTime.now(clock));
        return audited(c, "CLOSE", before);
    }

    /** Only a draft can be deleted: once filed, a campaign's records are under legal hold. */
    public void delete(@NotNull UUID id, long expectedVersion) {
        RecallCampaign c = locked(id, expectedVersion);
        c.requireDeletable(LocalDate.now(clock).plusYears(config.recalls().legalHoldYears()));
        audit.record(AUDIT_TYPE, c.id, "DELETE", CampaignView.of(c), null);
        campaigns.delete(c);
    }

    public UnitView remedy(@NotNull UUID id, @NotNull SerialNo serialNo, long expectedVersion,
                           @NotNull @Valid RemedyRequest request) {
        RecallCampaign c = active(id);
        String serial = serialNo.value();
        // The unit's row under a lock: two people recording remedies cannot overwrite each other (If-Match).
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from recall_unit where campaign_id = ?1 and serial_no = ?2 "
                + "for update").setParameter(1, c.id).setParameter(2, serial).getResultList();
        if (current.isEmpty()) {
            throw ProblemException.notFound("recall-unit", serial);
        }
        Versions.check(((Number) current.get(0)).longValue(), expectedVersion);
        List<Issue> issues = remedyIssues(null, "", request.status(), request.date(), request.reason());
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        if (request.caseId() != null) {
            cases.visible(request.caseId());
        }
        int updated = em.createNativeQuery("update recall_unit set remedy_status = ?3, remedy_date = ?4, remedy_where = ?5, "
                        + "remedy_case_id = ?6, exempt_reason = ?7, updated_at = ?8 where campaign_id = ?1 and serial_no = ?2")
                .setParameter(1, c.id).setParameter(2, serial).setParameter(3, request.status().name())
                .setParameter(4, request.date()).setParameter(5, Text.blankToNull(request.where()))
                .setParameter(6, request.caseId()).setParameter(7, Text.blankToNull(request.reason()))
                .setParameter(8, OffsetDateTime.now(clock)).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("recall-unit", serial);
        }
        UnitView view = units(c.id, serial, null, 1).get(0);
        audit.record("recall-unit", c.code + "/" + serial, "REMEDY", null, view);
        return view;
    }

    /** The rules of one remedy update, for the API and for every CSV row. */
    List<Issue> remedyIssues(Integer line, String prefix, Remedy status, LocalDate date, String reason) {
        List<Issue> issues = new ArrayList<>();
        if ((status == Remedy.REMEDIED || status == Remedy.SCHEDULED) && date == null) {
            issues.add(new Issue(prefix + "date", "recalls.date_required", new Object[0], line));
        }
        if (status == Remedy.REMEDIED && date != null && date.isAfter(LocalDate.now(clock))) {
            issues.add(new Issue(prefix + "date", "cases.date_in_future", new Object[0], line));
        }
        // A unit is closed out (UNREACHABLE, EXEMPT) only with the reason why: without it, it is refused, not kept open.
        if (status == Remedy.EXEMPT && (reason == null || reason.isBlank())) {
            issues.add(new Issue(prefix + "reason", "recalls.exempt_needs_reason", new Object[0], line));
        }
        if (status == Remedy.UNREACHABLE && (reason == null || reason.isBlank())) {
            issues.add(new Issue(prefix + "reason", "recalls.unreachable_needs_reason", new Object[0], line));
        }
        return issues;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CampaignView get(UUID id) {
        return CampaignView.of(visible(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CampaignView> list(RecallCampaign.Status status, PageRequest page) {
        return page.page(rows(status, page), c -> c.code, CampaignView::of);
    }

    /** A page of campaigns by code (a customer account: those with its units), one more than the page to see if more follow. */
    private List<RecallCampaign> rows(RecallCampaign.Status status, PageRequest page) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        caller.customerScope().ifPresent(scope -> {
            params.add(scope);
            where.add("exists (select 1 from recall_unit ru where ru.campaign_id = c.id and ru.customer_id = ?" + params.size() + ")");
        });
        if (status != null) {
            params.add(status.name());
            where.add("c.status = ?" + params.size());
        }
        if (page.after() != null) {
            params.add(page.after());
            where.add("c.code > ?" + params.size());
        }
        Query q = em.createNativeQuery("select c.* from recall_campaign c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by c.code limit " + page.fetchSize(), RecallCampaign.class);
        bind(q, params, 1);
        @SuppressWarnings("unchecked")
        List<RecallCampaign> rows = q.getResultList();
        return rows;
    }

    /** One campaign as the calling customer account sees it (404 unless it has units of the customer). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerCampaignView customerView(UUID id) {
        return customerViews(List.of(visible(id))).get(0);
    }

    /** The campaigns with units of the calling customer account, as it sees them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerCampaignPage customerList(RecallCampaign.Status status, PageRequest page) {
        caller.customerScope().orElseThrow(() -> new IllegalStateException("customer views are for customer accounts"));
        List<RecallCampaign> rows = rows(status, page);
        Page<CustomerCampaignView> views = page.page(customerViews(rows), CustomerCampaignView::code, v -> v);
        return new CustomerCampaignPage(views.items(), views.nextCursor(), views.limit());
    }

    /** The customer's own counts of each campaign, in one statement. */
    private List<CustomerCampaignView> customerViews(List<RecallCampaign> campaigns) {
        UUID scope = caller.customerScope().orElseThrow(() -> new IllegalStateException("customer views are for customer accounts"));
        java.util.Map<UUID, long[]> counts = new java.util.HashMap<>();
        if (!campaigns.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select campaign_id, count(*), count(*) filter (where remedy_status = 'REMEDIED') "
                            + "from recall_unit where customer_id = ?1 and campaign_id = any(?2) group by campaign_id")
                    .setParameter(1, scope).setParameter(2, campaigns.stream().map(c -> c.id).toArray(UUID[]::new))
                    .getResultList();
            rows.forEach(r -> counts.put((UUID) r[0], new long[]{((Number) r[1]).longValue(), ((Number) r[2]).longValue()}));
        }
        return campaigns.stream().map(c -> {
            long[] n = counts.getOrDefault(c.id, new long[2]);
            return new CustomerCampaignView(c.id, c.code, c.title, c.defectDescription, c.safetyRisk, c.remedy, c.status(),
                    c.activatedAt(), c.completedAt(), c.closedAt(), n[0], n[1]);
        }).toList();
    }

    /** One unit of the campaign (a customer account: only its own), with its version for If-Match. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitView unit(@NotNull UUID id, @NotNull SerialNo serialNo) {
        RecallCampaign c = visible(id);
        List<UnitView> rows = units(c.id, serialNo.value(), null, 1);
        if (rows.isEmpty()) {
            throw ProblemException.notFound("recall-unit", serialNo.value());
        }
        return rows.get(0);
    }

    /** The campaign's units: a customer account sees only its own. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UnitView> units(@NotNull UUID id, Remedy status, PageRequest page) {
        RecallCampaign c = visible(id);
        List<UnitView> rows = units(c.id, null, status, page.fetchSize(), page.after());
        return page.page(rows, UnitView::serialNo, u -> u);
    }

    private List<UnitView> units(UUID campaignId, String serial, Remedy status, int limit) {
        return units(campaignId, serial, status, limit, null);
    }

    private List<UnitView> units(UUID campaignId, String serial, Remedy status, int limit, String after) {
        List<String> where = new ArrayList<>(List.of("campaign_id = ?1"));
        List<Object> params = new ArrayList<>(List.of(campaignId));
        caller.customerScope().ifPresent(scope -> {
            params.add(scope);
            where.add("customer_id = ?" + params.size());
        });
        if (serial != null) {
            params.add(serial);
            where.add("serial_no = ?" + params.size());
        }
        if (status != null) {
            params.add(status.name());
            where.add("remedy_status = ?" + params.size());
        }
        if (after != null) {
            params.add(after);
            where.add("serial_no > ?" + params.size());
        }
        Query q = em.createNativeQuery("select serial_no, customer_id, product_model, remedy_status, remedy_date, remedy_where, "
                + "remedy_case_id, exempt_reason, updated_at, version from recall_unit where " + String.join(" and ", where)
                + " order by serial_no limit " + limit);
        bind(q, params, 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new UnitView((String) r[0], (UUID) r[1], (String) r[2], Remedy.valueOf((String) r[3]),
                SqlValues.localDate(r[4]), (String) r[5], (UUID) r[6], (String) r[7], SqlValues.offsetDateTime(r[8]),
                ((Number) r[9]).longValue())).toList();
    }

    /** A campaign the caller may see: staff all, a customer account those with its units. */
    RecallCampaign visible(UUID id) {
        RecallCampaign c = campaigns.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("recall", id));
        caller.customerScope().ifPresent(scope -> {
            Number mine = (Number) em.createNativeQuery("select count(*) from recall_unit where campaign_id = ?1 and customer_id = ?2")
                    .setParameter(1, id).setParameter(2, scope).getSingleResult();
            if (mine.intValue() == 0) {
                throw ProblemException.notFound("recall", id);
            }
        });
        return c;
    }

    RecallCampaign staffCampaign(UUID id) {
        return campaigns.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("recall", id));
    }

    /**
     * An active campaign, for remedies: its row is share-locked, so completion (which locks it for update) waits for
     * the remedies in flight and a remedy after completion finds the campaign completed.
     */
    RecallCampaign active(UUID id) {
        RecallCampaign c = campaigns.findByIdOptional(id, LockModeType.PESSIMISTIC_READ)
                .orElseThrow(() -> ProblemException.notFound("recall", id));
        c.require(RecallCampaign.Status.ACTIVE);
        return c;
    }

    /** An active campaign under a lock, at the version the caller read. */
    RecallCampaign lockedActive(UUID id, long expectedVersion) {
        RecallCampaign c = staffCampaign(id);
        RecallCampaign locked = locked(c.id, expectedVersion);
        locked.require(RecallCampaign.Status.ACTIVE);
        return locked;
    }

    /** A change of the campaign's units as a whole (the remedy import) makes a new version of the campaign. */
    void newVersion(RecallCampaign c) {
        em.lock(c, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    private RecallCampaign locked(UUID id, long expectedVersion) {
        RecallCampaign c = campaigns.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> ProblemException.notFound("recall", id));
        Versions.check(c.version, expectedVersion);
        return c;
    }

    static void bind(Query q, List<Object> params, int first) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(first + i, params.get(i));
        }
    }

    private CampaignView audited(RecallCampaign c, String action, CampaignView before) {
        c.updatedAt = OffsetDateTime.now(clock);
        campaigns.flush();
        CampaignView after = CampaignView.of(c);
        audit.record(AUDIT_TYPE, c.id, action, before, after);
        return after;
    }
}
