package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.UnitRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Moves cases through their state machine and records everything on the timeline and in the audit trail:
 * transitions with comments, the major-issue approval by the general manager, owner hand-over, notes.
 */
@ApplicationScoped
@Transactional
public class CaseWorkflow {

    /**
     * A move of the case; its comment is internal unless {@code customerVisible} is true (default false): the customer's
     * timeline shows the move itself, and the comment only when it was marked so.
     */
    public record TransitionRequest(@NotNull CaseStatus to, @Size(max = 4000) String comment, Boolean customerVisible) {
    }

    public record MajorRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record ActionPlanRequest(@NotBlank @Size(max = 20_000) String plan) {
    }

    @Schema(name = "ApprovalDecision")
    public enum Decision { APPROVE, REJECT }

    @Schema(name = "ApprovalDecisionRequest")
    public record DecisionRequest(@NotNull Decision decision, @Size(max = 4000) String comment) {
    }

    public record AssignmentRequest(@Size(max = 40) String ownerRole, @Size(max = 200) String ownerPerson,
                                    @Size(max = 4000) String comment) {
    }

    /** Every unfinished case of {@code fromPerson} to another owner role and/or person. */
    public record ReassignmentRequest(@NotBlank @Size(max = 200) String fromPerson, @Size(max = 40) String toRole,
                                      @Size(max = 200) String toPerson, @Size(max = 4000) String comment) {
    }

    @RegisterForReflection
    public record ReassignmentView(String fromPerson, int reassigned, List<UUID> caseIds) {
    }

    /** A QUALITY_ENGINEER waives a linked 8D report for this case's closing gate, saying why. */
    public record WaiverRequest(@NotNull UUID reportId, @NotBlank @Size(max = 2000) String reason) {
    }

    @RegisterForReflection
    public record WaiverView(UUID caseId, UUID reportId, String reportNo, String reason, String waivedBy,
                             OffsetDateTime waivedAt) {
    }

    public record NoteRequest(@NotBlank @Size(max = 10_000) String text, CaseEvent.Visibility visibility) {
    }

    /**
     * A timeline entry as a customer account sees it: the moves of the case and what was written for the customer (no
     * internal comment, no staff member's name).
     */
    @RegisterForReflection
    public record CustomerEventView(long id, OffsetDateTime occurredAt, CaseEvent.Kind kind, CaseStatus fromStatus,
                                    CaseStatus toStatus, String text) {
        static CustomerEventView of(CaseEvent e, Locale locale) {
            return new CustomerEventView(e.id, e.occurredAt, e.kind, e.fromStatus, e.toStatus,
                    e.visibility == CaseEvent.Visibility.CUSTOMER ? e.text(locale) : null);
        }
    }

    /** A page of the timeline as staff see it. */
    @RegisterForReflection
    public record EventPage(List<EventView> items, String nextCursor, int limit) {
        static EventPage of(Page<EventView> page) {
            return new EventPage(page.items(), page.nextCursor(), page.limit());
        }
    }

    /** A page of the timeline as a customer account sees it. */
    @RegisterForReflection
    public record CustomerEventPage(List<CustomerEventView> items, String nextCursor, int limit) {
    }

    @RegisterForReflection
    public record EventView(long id, OffsetDateTime occurredAt, String actor, CaseEvent.Kind kind, CaseStatus fromStatus,
                            CaseStatus toStatus, String text, CaseEvent.Visibility visibility) {
        static EventView of(CaseEvent e) {
            return of(e, com.aftersales.shared.error.Messages.ZH);
        }

        /** A note written as a message key reads in {@code locale}; other texts as they were written. */
        static EventView of(CaseEvent e, Locale locale) {
            return new EventView(e.id, e.occurredAt, e.actor, e.kind, e.fromStatus, e.toStatus, e.text(locale), e.visibility);
        }
    }

    @Inject
    CaseRepository cases;

    @Inject
    CaseViews views;

    @Inject
    CaseUnits caseUnits;

    @Inject
    CaseTimeline timeline;

    @Inject
    CaseEventRepository events;

    @Inject
    UnitRegistry units;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    CaseGates gates;

    @Inject
    CaseSettings settings;

    @Inject
    Clock clock;

    @Inject
    GmDelegations delegations;

    @Inject
    @jakarta.enterprise.inject.Any
    jakarta.enterprise.inject.Instance<CaseReopenListener> reopenListeners;

    public CaseView transition(@NotNull UUID id, long expectedVersion, @NotNull @Valid TransitionRequest request,
                               Locale locale) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        c.requireActor(caller.subject(), caller::hasRole);
        Versions.check(c.version, expectedVersion);
        CaseStatus from = c.status;
        CaseView before = views.of(c, locale);
        OffsetDateTime now = OffsetDateTime.now(clock);
        c.transition(request.to(), request.comment(), now, () -> keptUntil(c),
                to -> gates.unmet(c, to, locale), () -> settings.intake(c.customerId, c.severity));
        String comment = Text.blankToNull(request.comment());
        // The move is on the customer's timeline; an INTERNAL transition shows it there without its comment (events()).
        boolean visibleComment = comment != null && Boolean.TRUE.equals(request.customerVisible());
        CaseEvent event = timeline.record(c.id, CaseEvent.Kind.TRANSITION, from, request.to(), comment,
                comment == null || visibleComment ? CaseEvent.Visibility.CUSTOMER : CaseEvent.Visibility.INTERNAL);
        // Every move is on the customer's timeline, so the customer hears of it (in-app; e-mail to contacts who asked).
        outbox.add("CASE_STATUS_CHANGED", Outbox.Recipient.customer(c.customerId), Outbox.payload("caseId", c.id,
                "caseNo", c.caseNo, "title", c.title, "fromStatus", from, "toStatus", request.to(),
                "comment", visibleComment ? comment : null), "case-status:" + event.id);
        if (request.to() == CaseStatus.REOPENED) {
            // The follow-up area cancels the case's open follow-up now, in this transaction (not at its job's next run).
            reopenListeners.forEach(l -> l.reopened(c.id, now));
        }
        return audited(c, "TRANSITION", before, locale);
    }

    /**
     * Waives a linked 8D report that is not closed for this case's closing gate (the report itself stays open in the
     * 8D area): the waiver, its reason and who gave it are kept and written on the timeline. Only an open case, and only
     * a report linked to it and not closed; a report is waived once.
     */
    public WaiverView waiveEightD(@NotNull UUID id, @NotNull @Valid WaiverRequest request) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        c.requireActor(caller.subject(), caller::hasRole);
        if (c.status == CaseStatus.CLOSED || c.status == CaseStatus.REJECTED) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", c.status));
        }
        if (gates.waived(c.id, request.reportId())) {
            throw new ProblemException(409, "case_waiver_exists", request.reportId());
        }
        CaseClosingCondition.Unsettled report = gates.openReports(c.id).stream()
                .filter(u -> u.id().equals(request.reportId())).findFirst()
                .orElseThrow(() -> new ProblemException(409, "case_waiver_not_open_report", request.reportId()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        String reason = request.reason().strip();
        em.createNativeQuery("insert into case_gate_waiver (case_id, report_id, reason, waived_by, waived_at) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, c.id).setParameter(2, report.id()).setParameter(3, reason)
                .setParameter(4, caller.subject()).setParameter(5, now).executeUpdate();
        timeline.record(c.id, CaseEvent.Kind.WAIVER, null, null, report.reference() + ": " + reason,
                CaseEvent.Visibility.INTERNAL);
        WaiverView view = new WaiverView(c.id, report.id(), report.reference(), reason, caller.subject(), now);
        audit.record(CaseViews.AUDIT_TYPE, c.id, "WAIVE_8D", null, view);
        return view;
    }

    /** Until when the case's records are kept (product life + 1 calendar year): it may be reopened until then. */
    private LocalDate keptUntil(ServiceCase c) {
        // The unit area answers how long its records are kept (the rule the retention job applies too).
        return units.keptUntil(caseUnits.list("caseId", c.id).stream().map(u -> u.unitId).toList());
    }

    public CaseView markMajor(@NotNull UUID id, long expectedVersion, @NotNull @Valid MajorRequest request, Locale locale) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        c.requireActor(caller.subject(), caller::hasRole);
        Versions.check(c.version, expectedVersion);
        CaseView before = views.of(c, locale);
        c.markMajor(request.reason());
        timeline.record(c.id, CaseEvent.Kind.MAJOR, null, null, c.majorReason, CaseEvent.Visibility.INTERNAL);
        askGeneralManager(c);
        return audited(c, "MARK_MAJOR", before, locale);
    }

    public CaseView submitActionPlan(@NotNull UUID id, long expectedVersion, @NotNull @Valid ActionPlanRequest request,
                                     Locale locale) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        c.requireActor(caller.subject(), caller::hasRole);
        Versions.check(c.version, expectedVersion);
        CaseView before = views.of(c, locale);
        c.submitActionPlan(request.plan());
        timeline.record(c.id, CaseEvent.Kind.ACTION_PLAN, null, null, c.actionPlan, CaseEvent.Visibility.INTERNAL);
        askGeneralManager(c);
        return audited(c, "ACTION_PLAN", before, locale);
    }

    public CaseView decideApproval(@NotNull UUID id, long expectedVersion, @NotNull @Valid DecisionRequest request,
                                   Locale locale) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        // The general manager, or the deputy of a delegation in force (who then acts on the case as the GM would: the
        // GM may act on every case, so no per-case check is left); anyone else 403, before the version is compared.
        GmDelegations.Authority gm = delegations.requireGeneralManager("CASE_APPROVAL", CaseViews.AUDIT_TYPE, c.id);
        Versions.check(c.version, expectedVersion);
        CaseView before = views.of(c, locale);
        c.decideApproval(request.decision() == Decision.APPROVE, request.comment(), gm.subject(), gm.onBehalfOf());
        timeline.record(c.id, CaseEvent.Kind.APPROVAL, null, null,
                request.decision() + (gm.deputy() ? "（代总经理 " + gm.onBehalfOf() + "）" : "")
                        + (request.comment() == null ? "" : ": " + request.comment().strip()),
                CaseEvent.Visibility.INTERNAL);
        return audited(c, "GM_" + request.decision(), before, locale);
    }

    public CaseView assign(@NotNull UUID id, long expectedVersion, @NotNull @Valid AssignmentRequest request, Locale locale) {
        ServiceCase c = cases.visible(id, LockModeType.PESSIMISTIC_WRITE);
        c.requireActor(caller.subject(), caller::hasRole);
        Versions.check(c.version, expectedVersion);
        return handOver(c, request.ownerRole(), request.ownerPerson(), request.comment(), locale);
    }

    /**
     * Hands every case of a person that is not finished (not CLOSED or REJECTED) to another owner, as one step (a
     * person leaves): each case by the same rules as one hand-over, so the caller must be allowed to act on every one
     * of them, or nothing changes (403).
     */
    public ReassignmentView reassignAll(@NotNull @Valid ReassignmentRequest request, Locale locale) {
        if (request.toRole() == null && (request.toPerson() == null || request.toPerson().isBlank())) {
            throw ProblemException.invalid("toPerson", "validation.required");
        }
        List<ServiceCase> owned = cases.find("ownerPerson = ?1 and status not in ?2 order by caseNo",
                        request.fromPerson().strip(), List.of(CaseStatus.CLOSED, CaseStatus.REJECTED))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        owned.forEach(c -> c.requireActor(caller.subject(), caller::hasRole));
        List<UUID> ids = new java.util.ArrayList<>();
        for (ServiceCase c : owned) {
            handOver(c, request.toRole(), request.toPerson(), request.comment(), locale);
            ids.add(c.id);
        }
        return new ReassignmentView(request.fromPerson().strip(), ids.size(), ids);
    }

    private CaseView handOver(ServiceCase c, String role, String person, String comment, Locale locale) {
        CaseView before = views.of(c, locale);
        c.assign(role, person);
        String text = c.ownerRole + (c.ownerPerson == null ? "" : " / " + c.ownerPerson)
                + (comment == null || comment.isBlank() ? "" : ": " + comment.strip());
        timeline.record(c.id, CaseEvent.Kind.ASSIGNMENT, null, null, text, CaseEvent.Visibility.INTERNAL);
        outbox.add("CASE_ROUTED", Outbox.Recipient.owner(c.ownerRole, c.ownerPerson),
                Outbox.payload("caseId", c.id, "caseNo", c.caseNo, "title", c.title, "severity", c.severity,
                        "ownerRole", c.ownerRole, "ownerPerson", c.ownerPerson,
                        "firstResponseDue", outbox.localTime(c.firstResponseDue)),
                "case-routed:" + c.id + ":" + (c.version + 1));
        return audited(c, "ASSIGN", before, locale);
    }

    /**
     * The general manager is asked once the plan of a major case awaits approval (总经理审批), and so is each deputy of a
     * delegation in force now.
     */
    private void askGeneralManager(ServiceCase c) {
        if (c.approvalStatus == ApprovalStatus.PENDING) {
            java.util.Map<String, Object> payload =
                    Outbox.payload("caseId", c.id, "caseNo", c.caseNo, "title", c.title, "reason", c.majorReason);
            outbox.add("GM_APPROVAL_REQUESTED", Outbox.Recipient.role(Roles.GENERAL_MANAGER), payload,
                    "gm-approval:" + c.id + ":" + (c.version + 1));
            for (String deputy : delegations.deputiesInForce()) {
                outbox.add("GM_APPROVAL_REQUESTED", Outbox.Recipient.person(deputy), payload,
                        "gm-approval:" + c.id + ":" + (c.version + 1) + ":" + deputy);
            }
        }
    }

    /** Staff write internal notes or notes the customer sees; a customer account writes only the latter. */
    public EventView addNote(@NotNull UUID id, @NotNull @Valid NoteRequest request) {
        ServiceCase c = cases.visible(id, LockModeType.NONE);
        CaseEvent.Visibility visibility = request.visibility() == null ? CaseEvent.Visibility.INTERNAL : request.visibility();
        if (caller.isCustomerAccount()) {
            visibility = CaseEvent.Visibility.CUSTOMER;
        }
        CaseEvent event = timeline.record(c.id, CaseEvent.Kind.NOTE, null, null, request.text().strip(), visibility);
        em.flush();
        EventView view = EventView.of(event);
        audit.record(CaseViews.AUDIT_TYPE, c.id, "NOTE", null, view);
        return view;
    }

    /** The case's timeline for staff: every entry with its author and visibility. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EventView> events(@NotNull UUID id, PageRequest page, Locale locale) {
        if (caller.isCustomerAccount()) {
            throw new IllegalStateException("a customer account reads customerEvents");
        }
        return timelineRows(id, page, false).map(e -> EventView.of(e, locale));
    }

    /**
     * The case's timeline for a customer account: entries written for the customer, and every move of the case (an
     * internal move without its comment).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerEventPage customerEvents(@NotNull UUID id, PageRequest page, Locale locale) {
        Page<CustomerEventView> views = timelineRows(id, page, true).map(e -> CustomerEventView.of(e, locale));
        return new CustomerEventPage(views.items(), views.nextCursor(), views.limit());
    }

    private record Rows(List<CaseEvent> rows, PageRequest page) {
        <T> Page<T> map(java.util.function.Function<CaseEvent, T> view) {
            return page.page(rows, e -> e.id.toString(), view);
        }
    }

    private Rows timelineRows(UUID id, PageRequest page, boolean customer) {
        ServiceCase c = cases.visible(id, LockModeType.NONE);
        StringBuilder where = new StringBuilder("caseId = ?1");
        List<Object> params = new java.util.ArrayList<>(List.of(c.id));
        if (customer) {
            where.append(" and (visibility = ?2 or kind = ?3)");
            params.add(CaseEvent.Visibility.CUSTOMER);
            params.add(CaseEvent.Kind.TRANSITION);
        }
        if (page.after() != null) {
            where.append(" and id > ?").append(params.size() + 1);
            params.add(Long.parseLong(page.after()));
        }
        List<CaseEvent> rows = events.find(where + " order by id", params.toArray()).page(0, page.fetchSize()).list();
        return new Rows(rows, page);
    }

    private CaseView audited(ServiceCase c, String action, CaseView before, Locale locale) {
        em.flush();
        CaseView after = views.of(c, locale);
        audit.record(CaseViews.AUDIT_TYPE, c.id, action, before, after);
        return after;
    }
}
