package com.aftersales.cases;

import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.aftersales.shared.web.MergePatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Map;
import java.util.UUID;

/**
 * Field-service visits (技术服务表) of a case: planned, travel approved (a rejected trip requested again), started,
 * completed with the work done, or cancelled with a reason before it starts.
 */
@ApplicationScoped
@Transactional
public class FieldVisits {

    @Inject
    FieldVisitRepository visits;

    public record VisitRequest(
            @NotNull FieldVisit.Purpose purpose,
            @NotNull LocalDate plannedDate,
            @NotBlank @Size(max = 500) String site,
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 100) String> technicians,
            boolean travelRequired) {
    }

    /** A planned visit's editable plan: the shape a merge patch applies to, checked as a body is. */
    @RegisterForReflection
    public record PlanningRequest(
            @NotNull FieldVisit.Purpose purpose,
            @NotNull LocalDate plannedDate,
            @NotBlank @Size(max = 500) String site,
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 100) String> technicians) {

        static PlanningRequest of(FieldVisit v) {
            return new PlanningRequest(v.purpose, v.plannedDate, v.site, List.copyOf(v.technicians));
        }
    }

    public record TravelDecision(@NotNull CaseWorkflow.Decision decision, @Size(max = 4000) String comment) {
    }

    public record CompletionRequest(
            @NotBlank @Size(max = 20_000) String workDone,
            @NotBlank @Size(max = 4000) String result,
            @Size(max = 200) List<FieldVisit.@Valid @NotNull PartUsed> partsUsed) {
    }

    /** A rejected trip asked for again, for a new date if one is given; the comment goes on the timeline. */
    public record TravelRequest(LocalDate plannedDate, @Size(max = 4000) String comment) {
    }

    public record CancelRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    /** The service station (a customer of type SERVICE_STATION) that does the visit; null: the company's own engineers. */
    public record StationAssignment(UUID stationId) {
    }

    /**
     * A visit as the service station assigned to it sees it: what to do where and for whom (the case number, the
     * customer's name, the site, the units' serials and models) and how it went. Never the trip and its approval, the
     * case's internal notes, costs or entitlement reasons, who planned or cancelled it.
     */
    @RegisterForReflection
    public record StationVisitView(UUID id, UUID caseId, String caseNo, String customerName, FieldVisit.Purpose purpose,
                                   LocalDate plannedDate, String site, List<String> technicians, FieldVisit.Status status,
                                   OffsetDateTime startedAt, OffsetDateTime completedAt, String workDone, String result,
                                   List<StationVisitUnit> units) {
    }

    /** A unit of the visit's case: its serial (钢印号) and model. */
    @RegisterForReflection
    public record StationVisitUnit(String serialNo, String productModel) {
    }

    /** A page of a station's visits. */
    @RegisterForReflection
    public record StationVisitPage(List<StationVisitView> items, String nextCursor, int limit) {
    }

    @RegisterForReflection
    public record VisitView(UUID id, UUID caseId, FieldVisit.Purpose purpose, LocalDate plannedDate, String site,
                            List<String> technicians, boolean travelRequired, FieldVisit.TravelStatus travelStatus,
                            String travelDecidedBy, String travelComment, FieldVisit.Status status,
                            OffsetDateTime startedAt, OffsetDateTime completedAt, String workDone, String result,
                            List<FieldVisit.UsedPart> partsUsed, String cancelReason, String cancelledBy,
                            OffsetDateTime cancelledAt, String createdBy, long version,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt, String engineer,
                            OffsetDateTime startedReceivedAt, OffsetDateTime completedReceivedAt,
                            List<FieldVisit.VisitReading> readings, VisitConfirmation confirmation, UUID reportSubmissionId,
                            UUID stationId) {
        static VisitView of(FieldVisit v) {
            return new VisitView(v.id, v.caseId, v.purpose, v.plannedDate, v.site, List.copyOf(v.technicians),
                    v.travelRequired, v.travelStatus(), v.travelDecidedBy(), v.travelComment(), v.status(), v.startedAt(),
                    v.completedAt(), v.workDone(), v.result(), v.partsUsed(), v.cancelReason(), v.cancelledBy(),
                    v.cancelledAt(), v.createdBy, v.version, v.createdAt, v.updatedAt, v.engineer(),
                    v.startedReceivedAt(), v.completedReceivedAt(), v.readings(), VisitConfirmation.of(v), v.reportSubmissionId(),
                    v.stationId());
        }
    }

    /**
     * 客户确认: who confirmed the visit for the customer and when (the device's time, beside the time the service received
     * it), and the signature image (an attachment of the case), if one was taken.
     */
    @RegisterForReflection
    public record VisitConfirmation(String name, OffsetDateTime occurredAt, OffsetDateTime receivedAt, UUID signatureAttachmentId) {
        static VisitConfirmation of(FieldVisit v) {
            return v.confirmedByName() == null ? null
                    : new VisitConfirmation(v.confirmedByName(), v.confirmedAt(), v.confirmationReceivedAt(), v.signatureAttachmentId());
        }
    }

    /** A page of visits as staff see them. */
    @RegisterForReflection
    public record VisitPage(List<VisitView> items, String nextCursor, int limit) {
        static VisitPage of(Page<VisitView> page) {
            return new VisitPage(page.items(), page.nextCursor(), page.limit());
        }
    }

    /**
     * A visit as the customer account whose case it is sees it: when, where, who comes, what was done and the result.
     * Never the trip (whether travel was needed, its approval, who decided and the approver's comment), why or by whom a
     * visit was cancelled, or who planned it.
     */
    @RegisterForReflection
    public record CustomerVisitView(UUID id, UUID caseId, FieldVisit.Purpose purpose, LocalDate plannedDate, String site,
                                    List<String> technicians, FieldVisit.Status status, OffsetDateTime startedAt,
                                    OffsetDateTime completedAt, String workDone, String result,
                                    List<FieldVisit.UsedPart> partsUsed, OffsetDateTime cancelledAt, String engineer,
                                    List<FieldVisit.VisitReading> readings, VisitConfirmation confirmation) {
        static CustomerVisitView of(FieldVisit v) {
            return new CustomerVisitView(v.id, v.caseId, v.purpose, v.plannedDate, v.site, List.copyOf(v.technicians),
                    v.status(), v.startedAt(), v.completedAt(), v.workDone(), v.result(), v.partsUsed(), v.cancelledAt(),
                    v.engineer(), v.readings(), VisitConfirmation.of(v));
        }
    }

    /** A page of visits as a customer account sees them. */
    @RegisterForReflection
    public record CustomerVisitPage(List<CustomerVisitView> items, String nextCursor, int limit) {
    }

    static final String AUDIT_TYPE = "field-visit";

    @Inject
    CaseRepository cases;

    @Inject
    CaseTimeline timeline;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    PartCatalogue catalogue;

    @Inject
    MergePatch mergePatch;

    @Inject
    CustomerRegistry customers;

    public VisitView plan(@NotNull UUID caseId, @NotNull @Valid VisitRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        if (!c.status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", c.status));
        }
        FieldVisit v = FieldVisit.plan(c.id, request.purpose(), request.plannedDate(), request.site(), request.technicians(),
                request.travelRequired(), caller.subject());
        visits.persistAndFlush(v);
        VisitView view = VisitView.of(v);
        timeline.record(c.id, CaseEvent.Kind.VISIT, null, null, v.purpose + " " + v.plannedDate + " " + v.site,
                CaseEvent.Visibility.CUSTOMER);
        audit.record(AUDIT_TYPE, v.id, "CREATE", null, view);
        if (v.travelRequired) {
            outbox.add("TRAVEL_APPROVAL_REQUESTED", Outbox.Recipient.role(Roles.AFTER_SALES_MANAGER),
                    Outbox.payload("caseId", c.id, "caseNo", c.caseNo, "visitId", v.id, "site", v.site,
                            "plannedDate", v.plannedDate), "travel-approval:" + v.id);
        }
        return view;
    }

    /** 出差审核: the after-sales manager approves or rejects the trip before it starts. */
    public VisitView decideTravel(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion,
                                  @NotNull @Valid TravelDecision request) {
        FieldVisit v = locked(caseId, visitId, expectedVersion);
        VisitView before = VisitView.of(v);
        if (request.decision() == CaseWorkflow.Decision.APPROVE) {
            v.approveTravel(caller.subject(), request.comment());
        } else {
            v.rejectTravel(caller.subject(), request.comment());
        }
        return audited(v, "TRAVEL_" + request.decision(), before);
    }

    /** A rejected trip is requested again (the case still open); the after-sales manager is asked again. */
    public VisitView requestTravel(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion,
                                   @NotNull @Valid TravelRequest request) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        if (!c.status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", c.status));
        }
        FieldVisit v = locked(c.id, visitId, expectedVersion);
        VisitView before = VisitView.of(v);
        v.requestTravelAgain(request.plannedDate());
        timeline.record(c.id, CaseEvent.Kind.VISIT, null, null, v.purpose + " " + v.plannedDate + " " + v.site
                + (request.comment() == null || request.comment().isBlank() ? "" : ": " + request.comment().strip()),
                CaseEvent.Visibility.INTERNAL);
        VisitView after = audited(v, "TRAVEL_REQUEST", before);
        outbox.add("TRAVEL_APPROVAL_REQUESTED", Outbox.Recipient.role(Roles.AFTER_SALES_MANAGER),
                Outbox.payload("caseId", c.id, "caseNo", c.caseNo, "visitId", v.id, "site", v.site,
                        "plannedDate", v.plannedDate), "travel-approval:" + v.id + ":" + after.version());
        return after;
    }

    /**
     * A merge patch (RFC 7396) of a planned visit's plan under the visit's ETag; a trip already approved for another date
     * or site goes back to the after-sales manager.
     */
    public VisitView patch(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion, @NotNull JsonNode patch) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        if (!c.status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", c.status));
        }
        FieldVisit v = locked(c.id, visitId, expectedVersion);
        PlanningRequest plan = mergePatch.apply(PlanningRequest.of(v), patch, PlanningRequest.class);
        VisitView before = VisitView.of(v);
        boolean approveAgain = v.revisePlan(plan);
        VisitView after = audited(v, "PATCH", before);
        if (!before.plannedDate().equals(after.plannedDate()) || !before.site().equals(after.site())) {
            timeline.record(c.id, CaseEvent.Kind.VISIT, null, null, v.purpose + " " + v.plannedDate + " " + v.site,
                    CaseEvent.Visibility.CUSTOMER);
        }
        if (approveAgain) {
            outbox.add("TRAVEL_APPROVAL_REQUESTED", Outbox.Recipient.role(Roles.AFTER_SALES_MANAGER),
                    Outbox.payload("caseId", c.id, "caseNo", c.caseNo, "visitId", v.id, "site", v.site,
                            "plannedDate", v.plannedDate), "travel-approval:" + v.id + ":" + after.version());
        }
        return after;
    }

    /**
     * The staff who plan visits give one to a service station (or take it back: null), under the visit's ETag, on an
     * open case; the station must be a customer of type SERVICE_STATION (422). A visit the station has submitted fees
     * for stays with it (409).
     */
    public VisitView assignStation(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion,
                                   @NotNull StationAssignment request) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        if (!c.status.isOpen()) {
            throw new ProblemException(409, "case_not_open", Messages.coded("case_status", c.status));
        }
        FieldVisit v = locked(c.id, visitId, expectedVersion);
        if (request.stationId() != null && !customers.isServiceStation(request.stationId())) {
            throw ProblemException.invalid("stationId", "cases.not_a_service_station", request.stationId());
        }
        if (v.stationId() != null && !v.stationId().equals(request.stationId())
                && ((Number) visits.getEntityManager().createNativeQuery("select count(*) from case_cost where visit_id = ?1 "
                        + "and station_id = ?2").setParameter(1, v.id).setParameter(2, v.stationId()).getSingleResult()).longValue() > 0) {
            // The station has billed this visit: its lines stay its own, and no other station bills the same work.
            throw new ProblemException(409, "visit_has_station_fees");
        }
        VisitView before = VisitView.of(v);
        v.assignStation(request.stationId());
        return audited(v, request.stationId() == null ? "UNASSIGN_STATION" : "ASSIGN_STATION", before);
    }

    /** The visits assigned to the calling station account, as it sees them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StationVisitPage stationList(PageRequest page) {
        UUID station = caller.stationScope();
        String where = "stationId = ?1" + (page.after() == null ? "" : " and id > ?2");
        Object[] params = page.after() == null ? new Object[]{station} : new Object[]{station, CaseCosts.uuidCursor(page.after())};
        List<FieldVisit> rows = visits.find(where + " order by id", params).page(0, page.fetchSize()).list();
        Map<UUID, CaseFacts> facts = caseFacts(rows.stream().map(v -> v.caseId).distinct().toList());
        Page<StationVisitView> views = page.page(rows, v -> v.id.toString(), v -> stationView(v, facts.get(v.caseId)));
        return new StationVisitPage(views.items(), views.nextCursor(), views.limit());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StationVisitView stationGet(@NotNull UUID visitId) {
        return stationView(ofStation(visitId, LockModeType.NONE));
    }

    /**
     * A visit assigned to the calling station account; another station's visit, or one of no station, is 404 exactly as
     * if it did not exist.
     */
    FieldVisit ofStation(UUID visitId, LockModeType lock) {
        UUID station = caller.stationScope();
        return visits.find("id = ?1 and stationId = ?2", visitId, station).withLock(lock).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("field-visit", visitId));
    }

    /** What a station is told of a visit's case: its number, the customer's name, the units' serials and models. */
    private record CaseFacts(String caseNo, String customerName, List<StationVisitUnit> units) {
    }

    /** The facts of these cases, two statements for a whole page (the customer's name through its area's read model). */
    private Map<UUID, CaseFacts> caseFacts(List<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        var em = visits.getEntityManager();
        UUID[] ids = caseIds.toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> heads = em.createNativeQuery("select sc.id, sc.case_no, cn.name from service_case sc "
                + "left join customer_name cn on cn.id = sc.customer_id where sc.id = any(?1)").setParameter(1, ids)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> units = em.createNativeQuery("select cu.case_id, cu.serial_no, u.product_model from case_unit cu "
                + "left join unit_record u on u.id = cu.unit_id where cu.case_id = any(?1) order by cu.serial_no")
                .setParameter(1, ids).getResultList();
        Map<UUID, CaseFacts> facts = new java.util.HashMap<>();
        for (Object[] h : heads) {
            UUID caseId = (UUID) h[0];
            facts.put(caseId, new CaseFacts((String) h[1], (String) h[2], units.stream().filter(u -> caseId.equals(u[0]))
                    .map(u -> new StationVisitUnit((String) u[1], (String) u[2])).toList()));
        }
        return facts;
    }

    private StationVisitView stationView(FieldVisit v) {
        return stationView(v, caseFacts(List.of(v.caseId)).get(v.caseId));
    }

    private static StationVisitView stationView(FieldVisit v, CaseFacts facts) {
        return new StationVisitView(v.id, v.caseId, facts.caseNo(), facts.customerName(), v.purpose, v.plannedDate, v.site,
                List.copyOf(v.technicians), v.status(), v.startedAt(), v.completedAt(), v.workDone(), v.result(),
                facts.units());
    }

    /** A visit that has not started is cancelled with its reason (on the timeline too). */
    public VisitView cancel(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion,
                            @NotNull @Valid CancelRequest request) {
        FieldVisit v = locked(caseId, visitId, expectedVersion);
        VisitView before = VisitView.of(v);
        v.cancel(request.reason(), caller.subject(), OffsetDateTime.now(clock));
        timeline.record(v.caseId, CaseEvent.Kind.VISIT, null, null, v.purpose + " " + v.plannedDate + " " + v.site
                + " " + FieldVisit.Status.CANCELLED + ": " + v.cancelReason(), CaseEvent.Visibility.INTERNAL);
        return audited(v, "CANCEL", before);
    }

    public VisitView start(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion) {
        FieldVisit v = locked(caseId, visitId, expectedVersion);
        VisitView before = VisitView.of(v);
        v.start(OffsetDateTime.now(clock));
        return audited(v, "START", before);
    }

    public VisitView complete(@NotNull UUID caseId, @NotNull UUID visitId, long expectedVersion,
                              @NotNull @Valid CompletionRequest request) {
        FieldVisit v = locked(caseId, visitId, expectedVersion);
        VisitView before = VisitView.of(v);
        OffsetDateTime now = OffsetDateTime.now(clock);
        v.complete(request.workDone(), request.result(), request.partsUsed(), catalogued(request.partsUsed()), now, now);
        return audited(v, "COMPLETE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<VisitView> list(@NotNull UUID caseId, PageRequest page) {
        return page.page(rows(caseId, page), v -> v.id.toString(), VisitView::of);
    }

    /** The visits of a case of the calling customer account, as it sees them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerVisitPage customerList(@NotNull UUID caseId, PageRequest page) {
        Page<CustomerVisitView> views = page.page(rows(caseId, page), v -> v.id.toString(), CustomerVisitView::of);
        return new CustomerVisitPage(views.items(), views.nextCursor(), views.limit());
    }

    private List<FieldVisit> rows(UUID caseId, PageRequest page) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        String where = "caseId = ?1" + (page.after() == null ? "" : " and id > ?2");
        Object[] params = page.after() == null ? new Object[]{c.id} : new Object[]{c.id, CaseCosts.uuidCursor(page.after())};
        return visits.find(where + " order by id", params).page(0, page.fetchSize()).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VisitView get(@NotNull UUID caseId, @NotNull UUID visitId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        return VisitView.of(ofCase(c.id, visitId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomerVisitView customerGet(@NotNull UUID caseId, @NotNull UUID visitId) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        return CustomerVisitView.of(ofCase(c.id, visitId));
    }

    FieldVisit ofCase(UUID caseId, UUID visitId) {
        return visits.find("id = ?1 and caseId = ?2", visitId, caseId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("field-visit", visitId));
    }

    /** The catalogue entries of the parts' numbers (none for no parts). */
    Map<String, PartCatalogue.Entry> catalogued(List<FieldVisit.PartUsed> parts) {
        return parts == null || parts.isEmpty() ? Map.of()
                : catalogue.find(parts.stream().map(FieldVisit.PartUsed::partNo).toList());
    }

    FieldVisit locked(UUID caseId, UUID visitId, long expectedVersion) {
        ServiceCase c = cases.visible(caseId, LockModeType.NONE);
        FieldVisit v = visits.find("id = ?1 and caseId = ?2", visitId, c.id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("field-visit", visitId));
        Versions.check(v.version, expectedVersion);
        return v;
    }

    VisitView audited(FieldVisit v, String action, VisitView before) {
        visits.flush();
        VisitView after = VisitView.of(v);
        audit.record(AUDIT_TYPE, v.id, action, before, after);
        return after;
    }
}
