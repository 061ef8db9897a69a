package com.aftersales.eightd;

import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.cases.CaseReferences;
import com.aftersales.cases.CaseReferences.CaseReference;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.aftersales.shared.web.MergePatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The 8D report aggregate: opening with due dates per discipline, filling the disciplines, linking cases (a case
 * linked after closure is a recurrence and reopens the report), and closing behind its gates.
 */
@ApplicationScoped
@Transactional
public class EightDReports {

    @Inject
    EightDReportRepository reportRows;

    static final String AUDIT_TYPE = "eight-d-report";

    @Inject
    EntityManager em;

    @Inject
    CaseReferences cases;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MergePatch mergePatch;

    public ReportView open(@NotNull @Valid ReportRequests.Open request) {
        Set<UUID> caseIds = new LinkedHashSet<>(request.caseIds());
        List<CaseReference> linked = new ArrayList<>();
        for (UUID caseId : caseIds) {
            linked.add(cases.visible(caseId));
        }
        LocalDate today = LocalDate.now(clock);
        String reportNo = "8D-%d-%05d".formatted(today.getYear(),
                ((Number) em.createNativeQuery("select nextval('eight_d_no_seq')").getSingleResult()).longValue());
        EightDReport r = EightDReport.open(reportNo, request.title(), linked.get(0).customerId(), today, request.champion(),
                request.team(), caller.subject());
        reportRows.persist(r);
        Map<Discipline, Integer> profile = deadlines(r.customerId);
        Map<LocalDate, Boolean> calendar = calendar(today);
        for (Discipline d : Discipline.values()) {
            em.persist(DisciplineEntry.open(r.id, d, WorkingDays.add(today, profile.get(d), calendar)));
        }
        for (CaseReference c : linked) {
            CaseLink link = new CaseLink();
            link.reportId = r.id;
            link.caseId = c.id();
            link.linkedAt = OffsetDateTime.now(clock);
            em.persist(link);
        }
        em.flush();
        ReportView view = view(r);
        audit.record(AUDIT_TYPE, r.id, "CREATE", null, view);
        return view;
    }

    public ReportView update(@NotNull UUID id, long expectedVersion, @NotNull @Valid ReportRequests.Update request) {
        return revise(forChange(id, expectedVersion), request, "UPDATE");
    }

    /** A merge patch (RFC 7396) of the report's own fields, under the report's ETag; what it leaves out stays. */
    public ReportView patch(@NotNull UUID id, long expectedVersion, @NotNull JsonNode patch) {
        EightDReport r = forChange(id, expectedVersion);
        return revise(r, mergePatch.apply(r.asRequest(), patch, ReportRequests.Update.class), "PATCH");
    }

    private ReportView revise(EightDReport r, ReportRequests.Update request, String action) {
        ReportView before = view(r);
        Map<Discipline, ReportRequests.Findings> findings = new EnumMap<>(Discipline.class);
        EightDReport.WITH_FINDINGS.forEach(d -> findings.put(d, r.findings(d)));
        r.revise(request, LocalDate.now(clock));
        // Findings changed through the report move their discipline's ETag too: a device holding the old one gets 412.
        findings.forEach((d, was) -> {
            if (!was.equals(r.findings(d))) {
                em.lock(entry(r.id, d), LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            }
        });
        return audited(r, action, before);
    }

    /** Replaces one discipline's findings (D2, D4, D6, D7) under the discipline's own ETag, which moves on. */
    public ReportView.FindingsView updateFindings(@NotNull UUID id, @NotNull Discipline discipline, long expectedVersion,
                                                  @NotNull @Valid ReportRequests.Findings request) {
        EightDReport r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        r.findings(discipline);
        return reviseFindings(r, forChange(r, discipline, expectedVersion), request);
    }

    /** A merge patch (RFC 7396) of one discipline's findings, under the discipline's own ETag. */
    public ReportView.FindingsView patchFindings(@NotNull UUID id, @NotNull Discipline discipline, long expectedVersion,
                                                 @NotNull JsonNode patch) {
        EightDReport r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        ReportRequests.Findings current = r.findings(discipline);
        DisciplineEntry e = forChange(r, discipline, expectedVersion);
        return reviseFindings(r, e, mergePatch.apply(current, patch, ReportRequests.Findings.class));
    }

    private ReportView.FindingsView reviseFindings(EightDReport r, DisciplineEntry e, ReportRequests.Findings request) {
        ReportView before = view(r);
        r.reviseFindings(e.discipline, request, LocalDate.now(clock));
        em.lock(e, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        audited(r, "FINDINGS_" + e.discipline, before);
        return ReportView.FindingsView.of(e.discipline, r.findings(e.discipline), e.version());
    }

    /** Fills one discipline under the discipline's own ETag: edits of other disciplines or actions do not collide. */
    public ReportView.DisciplineView updateDiscipline(@NotNull UUID id, @NotNull Discipline discipline, long expectedVersion,
                                                      @NotNull @Valid ReportRequests.DisciplineUpdate request) {
        EightDReport r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        DisciplineEntry e = forChange(r, discipline, expectedVersion);
        return fill(r, e, request);
    }

    /** A merge patch (RFC 7396) of one discipline, under the discipline's own ETag. */
    public ReportView.DisciplineView patchDiscipline(@NotNull UUID id, @NotNull Discipline discipline, long expectedVersion,
                                                     @NotNull JsonNode patch) {
        EightDReport r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        DisciplineEntry e = forChange(r, discipline, expectedVersion);
        return fill(r, e, mergePatch.apply(e.asRequest(), patch, ReportRequests.DisciplineUpdate.class));
    }

    /** The discipline of a report locked for the change, at the version the client saw, of a report still open. */
    private DisciplineEntry forChange(EightDReport r, Discipline discipline, long expectedVersion) {
        DisciplineEntry e = entry(r.id, discipline);
        Versions.check(e.version(), expectedVersion);
        r.requireOpen();
        return e;
    }

    private ReportView.DisciplineView fill(EightDReport r, DisciplineEntry e, ReportRequests.DisciplineUpdate request) {
        Discipline discipline = e.discipline;
        List<UUID> evidence = request.evidence() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.evidence()));
        boolean evidenceKnown = evidenceKnown(r, evidence);
        ReportView before = view(r);
        String previousOwner = e.owner();
        e.fill(request.owner(), request.content(), evidence, evidenceKnown, request.done(), OffsetDateTime.now(clock));
        audited(r, "DISCIPLINE_" + discipline, before);
        if (e.owner() != null && !e.owner().equals(previousOwner)) {
            outbox.add("DISCIPLINE_ASSIGNED", Outbox.Recipient.person(e.owner()),
                    Outbox.payload("reportId", r.id, "reportNo", r.reportNo, "discipline", discipline, "disciplineZh",
                            discipline.zh, "disciplineEn", discipline.en, "dueDate", e.dueDate),
                    "discipline-assigned:" + r.id + ":" + discipline + ":" + r.version);
        }
        return ReportView.DisciplineView.of(e, LocalDate.now(clock));
    }

    /** Links another case; a case linked after closure is a recurrence of the problem and reopens the report. */
    public ReportView linkCase(@NotNull UUID id, long expectedVersion, @NotNull @Valid ReportRequests.LinkCase request) {
        EightDReport r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(r.version, expectedVersion);
        CaseReference c = cases.visible(request.caseId());
        CaseLink.Key key = new CaseLink.Key();
        key.reportId = r.id;
        key.caseId = c.id();
        if (em.find(CaseLink.class, key) != null) {
            throw new ProblemException(409, "eightd_case_already_linked", c.caseNo());
        }
        ReportView before = view(r);
        CaseLink link = r.link(c.id(), entry(r.id, Discipline.D8), OffsetDateTime.now(clock));
        em.persist(link);
        return audited(r, link.recurrence ? "RECURRENCE" : "LINK_CASE", before);
    }

    /** Closing needs D6 verified and D7 filled, every discipline D0–D7 done, no action still open and the summary report. */
    public ReportView close(@NotNull UUID id, long expectedVersion, String comment) {
        EightDReport r = forChange(id, expectedVersion);
        long openActions = em.createQuery("select count(a) from EightDAction a where a.reportId = ?1 and a.status in ?2", Long.class)
                .setParameter(1, r.id).setParameter(2, List.of(EightDAction.Status.OPEN, EightDAction.Status.IN_PROGRESS))
                .getSingleResult();
        ReportView before = view(r);
        r.close(entries(r.id), openActions, caller.subject(), comment, OffsetDateTime.now(clock));
        return audited(r, "CLOSE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReportView get(UUID id) {
        return view(visible(id, LockModeType.NONE));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReportView> list(EightDReport.Status status, UUID caseId, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        caller.customerScope().ifPresent(scope -> {
            // Only reports whose every case is the customer's (the cases area's read model gives each case's customer).
            where.add("not exists (select 1 from eight_d_case l join case_reference c on c.id = l.case_id "
                    + "where l.report_id = r.id and c.customer_id <> :scope)");
            params.put("scope", scope);
        });
        if (status != null) {
            where.add("r.status = :status");
            params.put("status", status.name());
        }
        if (caseId != null) {
            where.add("exists (select 1 from eight_d_case l where l.report_id = r.id and l.case_id = :caseId)");
            params.put("caseId", caseId);
        }
        if (page.after() != null) {
            where.add("r.report_no > :after");
            params.put("after", page.after());
        }
        var query = em.createNativeQuery("select r.* from eight_d_report r"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by r.report_no limit " + page.fetchSize(), EightDReport.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<EightDReport> rows = query.getResultList();
        return page.page(rows, r -> r.reportNo, this::view);
    }

    /** The number of a report the caller may see; 404 otherwise (a problem links only reports its author may see). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String reportNo(UUID id) {
        return visible(id, LockModeType.NONE).reportNo;
    }

    /** A report the caller may see: staff see all; a customer account only reports all of whose cases are its own. */
    EightDReport visible(UUID id, LockModeType lock) {
        EightDReport r = reportRows.findByIdOptional(id, lock).orElseThrow(() -> ProblemException.notFound("eight-d-report", id));
        if (caller.isCustomerAccount()) {
            UUID scope = caller.customerScope().orElseThrow();
            Number foreign = (Number) em.createNativeQuery("select count(*) from eight_d_case l join case_reference c "
                            + "on c.id = l.case_id where l.report_id = ?1 and c.customer_id <> ?2")
                    .setParameter(1, id).setParameter(2, scope).getSingleResult();
            if (foreign.longValue() > 0) {
                throw ProblemException.notFound("eight-d-report", id);
            }
        }
        return r;
    }

    EightDReport forChange(UUID id, long expectedVersion) {
        EightDReport r = visible(id, LockModeType.PESSIMISTIC_WRITE);
        Versions.check(r.version, expectedVersion);
        // Checked before the callers' own database checks, as every change of a closed report is refused.
        r.requireOpen();
        return r;
    }

    /** Whether every evidence id is an attachment of one of the report's cases. */
    boolean evidenceKnown(EightDReport r, Collection<UUID> evidence) {
        if (evidence.isEmpty()) {
            return true;
        }
        List<UUID> caseIds = links(r.id).stream().map(l -> l.caseId).toList();
        long found = cases.attachmentsAmong(evidence, caseIds);
        return found == evidence.size();
    }

    ReportView view(EightDReport r) {
        LocalDate today = LocalDate.now(clock);
        List<CaseLink> links = links(r.id);
        Map<UUID, String> caseNos = cases.caseNos(links.stream().map(l -> l.caseId).toList());
        List<ReportView.CaseRef> caseRefs = links.stream()
                .map(l -> new ReportView.CaseRef(l.caseId, caseNos.get(l.caseId), l.recurrence, l.linkedAt)).toList();
        List<ReportView.DisciplineView> disciplines = entries(r.id).stream()
                .map(e -> ReportView.DisciplineView.of(e, today)).toList();
        List<ReportView.ActionView> actions = em.createQuery(
                        "from EightDAction where reportId = ?1 order by dueDate, id", EightDAction.class)
                .setParameter(1, r.id).getResultList().stream()
                .map(a -> ReportView.ActionView.of(a, r.reportNo, today)).toList();
        // Composed in zh-CN (the Excel export's language); the resource gives each reader its own (ReportView.in).
        String teamWarning = ReportView.teamWarning(r.team.size(), Messages.ZH);
        return new ReportView(r.id, r.reportNo, r.title, r.customerId, r.status(), r.openedOn, r.champion,
                List.copyOf(r.team), teamWarning, r.d2, r.d4Occurrence, r.d4Escape, r.d6Verification, r.d6VerifiedOn,
                r.d7, r.summary, r.recurrenceCount(), caseRefs, disciplines, actions, r.closedAt(), r.closedBy(), r.createdBy,
                r.version, r.createdAt, r.updatedAt);
    }

    List<CaseLink> links(UUID reportId) {
        return em.createQuery("from CaseLink where reportId = ?1 order by linkedAt, caseId", CaseLink.class)
                .setParameter(1, reportId).getResultList();
    }

    List<DisciplineEntry> entries(UUID reportId) {
        return em.createQuery("from DisciplineEntry where reportId = ?1 order by discipline", DisciplineEntry.class)
                .setParameter(1, reportId).getResultList();
    }

    private DisciplineEntry entry(UUID reportId, Discipline d) {
        DisciplineEntry.Key key = new DisciplineEntry.Key();
        key.reportId = reportId;
        key.discipline = d;
        return em.find(DisciplineEntry.class, key);
    }

    private Map<Discipline, Integer> deadlines(UUID customerId) {
        Map<Discipline, Integer> profile = new EnumMap<>(Discipline.class);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select discipline, working_days from eight_d_deadline "
                        + "where customer_id = ?1 or customer_id is null order by customer_id nulls first")
                .setParameter(1, customerId).getResultList();
        rows.forEach(row -> profile.put(Discipline.valueOf((String) row[0]), ((Number) row[1]).intValue()));
        return profile;
    }

    private Map<LocalDate, Boolean> calendar(LocalDate from) {
        Map<LocalDate, Boolean> days = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, working from work_calendar where day between ?1 and ?2")
                .setParameter(1, from).setParameter(2, from.plusYears(2)).getResultList();
        rows.forEach(row -> days.put(SqlValues.localDate(row[0]), (Boolean) row[1]));
        return days;
    }

    /**
     * Any change of a part (discipline, action, link) is a change of the report: its version (the ETag of the whole
     * report, which a GET shows) moves on. A part changed under its own ETag does not check the report's.
     */
    ReportView audited(EightDReport r, String action, ReportView before) {
        r.updatedAt = OffsetDateTime.now(clock);
        em.flush();
        ReportView after = view(r);
        audit.record(AUDIT_TYPE, r.id, action, before, after);
        return after;
    }
}
