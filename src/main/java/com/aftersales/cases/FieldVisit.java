package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.Versioned;
import com.aftersales.shared.web.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 技术服务表: an on-site visit for a case, planned, started and completed; a trip waits for the after-sales manager's
 * travel approval (出差审核), and a rejected trip is requested again or the visit cancelled with a reason. Each step
 * checks its rule here.
 */
@Entity
@Table(name = "field_visit")
public class FieldVisit extends Versioned {

    public enum Purpose { ON_SITE_REPAIR, COMMISSIONING, DELIVERY_SERVICE, TRAINING, TECHNICAL_EXCHANGE }

    public enum TravelStatus { NOT_REQUIRED, REQUESTED, APPROVED, REJECTED }

    @Schema(name = "VisitStatus")
    public enum Status { PLANNED, STARTED, COMPLETED, CANCELLED }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record PartUsed(
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 60) String partNo,
            @jakarta.validation.constraints.Size(max = 200) String name,
            @jakarta.validation.constraints.Positive @jakarta.validation.constraints.Max(100_000) int quantity) {
    }

    /**
     * A part used as the visit keeps it: linked to the spare-parts catalogue when its number is catalogued there (then
     * with the catalogue's spelling of the number, and its name when none was given).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record UsedPart(String partNo, String name, int quantity, UUID sparePartId) {
        static UsedPart of(PartUsed p, PartCatalogue.Entry catalogued) {
            return new UsedPart(catalogued == null ? p.partNo().strip() : catalogued.partNo(), Text.blankToNull(p.name()) == null && catalogued != null
                    ? catalogued.name() : Text.blankToNull(p.name()), p.quantity(), catalogued == null ? null : catalogued.id());
        }
    }

    /**
     * A reading taken on site (测量数据): the client's id, and the time the device says it was taken beside the time
     * the service received it.
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record VisitReading(UUID id, String name, String value, String unit, OffsetDateTime occurredAt,
                         OffsetDateTime receivedAt, String recordedBy) {
        /** In UTC, as the JSON column gives them back: otherwise every flush would see the list changed (a new version). */
        public VisitReading {
            occurredAt = occurredAt == null ? null : occurredAt.withOffsetSameInstant(java.time.ZoneOffset.UTC);
            receivedAt = receivedAt == null ? null : receivedAt.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        }
    }

    @Id
    UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    UUID caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Purpose purpose;

    @Column(name = "planned_date", nullable = false)
    LocalDate plannedDate;

    @Column(nullable = false)
    String site;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<String> technicians = new ArrayList<>();

    @Column(name = "travel_required", nullable = false)
    boolean travelRequired;

    @Enumerated(EnumType.STRING)
    @Column(name = "travel_status", nullable = false)
    private TravelStatus travelStatus;

    @Column(name = "travel_decided_by")
    private String travelDecidedBy;

    @Column(name = "travel_comment")
    private String travelComment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "work_done")
    private String workDone;

    private String result;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parts_used", nullable = false)
    private List<UsedPart> partsUsed = new ArrayList<>();

    /** The responsible field engineer named on the report (服务工程师). */
    private String engineer;

    @Column(name = "started_received_at")
    private OffsetDateTime startedReceivedAt;

    @Column(name = "completed_received_at")
    private OffsetDateTime completedReceivedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<VisitReading> readings = new ArrayList<>();

    @Column(name = "confirmed_by_name")
    private String confirmedByName;

    @Column(name = "confirmed_at")
    private OffsetDateTime confirmedAt;

    @Column(name = "confirmation_received_at")
    private OffsetDateTime confirmationReceivedAt;

    @Column(name = "signature_attachment_id")
    private UUID signatureAttachmentId;

    @Column(name = "report_submission_id")
    private UUID reportSubmissionId;

    @Column(name = "report_submission_hash")
    private String reportSubmissionHash;

    @Column(name = "report_submitted_by")
    private String reportSubmittedBy;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "cancelled_by")
    private String cancelledBy;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;

    /** The service station (a customer of type SERVICE_STATION) doing the visit; null: the company's own engineers. */
    @Column(name = "station_id")
    private UUID stationId;

    protected FieldVisit() {
    }

    /** A planned visit; a trip waits for travel approval. */
    static FieldVisit plan(UUID caseId, Purpose purpose, LocalDate plannedDate, String site, List<String> technicians,
                           boolean travelRequired, String by) {
        FieldVisit v = new FieldVisit();
        v.id = UUID.randomUUID();
        v.caseId = caseId;
        v.purpose = purpose;
        v.plannedDate = plannedDate;
        v.site = site.strip();
        v.technicians = new ArrayList<>(technicians.stream().map(String::strip).toList());
        v.travelRequired = travelRequired;
        v.travelStatus = travelRequired ? TravelStatus.REQUESTED : TravelStatus.NOT_REQUIRED;
        v.status = Status.PLANNED;
        v.createdBy = by;
        return v;
    }

    /** 出差审核: the after-sales manager approves the requested trip. */
    void approveTravel(String by, String comment) {
        requireTravelRequest();
        travelDecided(TravelStatus.APPROVED, by, comment);
    }

    /** A rejected trip says why. */
    void rejectTravel(String by, String comment) {
        requireTravelRequest();
        if (comment == null || comment.isBlank()) {
            throw ProblemException.invalid("comment", "cases.reject_needs_reason");
        }
        travelDecided(TravelStatus.REJECTED, by, comment);
    }

    /**
     * A rejected trip is requested again (for a new date when one is given); the earlier decision stays in the audit
     * trail and the after-sales manager decides afresh.
     */
    void requestTravelAgain(LocalDate newDate) {
        require(Status.PLANNED);
        if (travelStatus != TravelStatus.REJECTED) {
            throw new ProblemException(409, "visit_travel_not_rejected", Messages.coded("travel_status", travelStatus)).with("travelStatus", travelStatus);
        }
        if (newDate != null) {
            plannedDate = newDate;
        }
        travelStatus = TravelStatus.REQUESTED;
        travelDecidedBy = null;
        travelComment = null;
    }

    /**
     * A planned visit's plan changes (purpose, date, site, technicians); a trip already approved for another date or
     * site waits for the after-sales manager again. True when the trip must be approved again.
     */
    boolean revisePlan(FieldVisits.PlanningRequest p) {
        require(Status.PLANNED);
        boolean tripChanged = !p.plannedDate().equals(plannedDate) || !p.site().strip().equals(site);
        purpose = p.purpose();
        plannedDate = p.plannedDate();
        site = p.site().strip();
        technicians = new ArrayList<>(p.technicians().stream().map(String::strip).toList());
        if (tripChanged && travelStatus == TravelStatus.APPROVED) {
            travelStatus = TravelStatus.REQUESTED;
            travelDecidedBy = null;
            travelComment = null;
            return true;
        }
        return false;
    }

    /** The visit goes to a service station (null: back to the company's own engineers); not once cancelled. */
    void assignStation(UUID station) {
        if (status == Status.CANCELLED) {
            throw new ProblemException(409, "visit_wrong_status", Messages.coded("visit_status", status));
        }
        stationId = station;
    }

    UUID stationId() {
        return stationId;
    }

    /** A visit that has not started is cancelled, with the reason. */
    void cancel(String reason, String by, OffsetDateTime at) {
        require(Status.PLANNED);
        status = Status.CANCELLED;
        cancelReason = reason.strip();
        cancelledBy = by;
        cancelledAt = at;
    }

    private void requireTravelRequest() {
        if (travelStatus != TravelStatus.REQUESTED) {
            throw new ProblemException(409, "visit_no_travel_request", Messages.coded("travel_status", travelStatus));
        }
    }

    private void travelDecided(TravelStatus decision, String by, String comment) {
        travelStatus = decision;
        travelDecidedBy = by;
        travelComment = Text.blankToNull(comment);
    }

    /** A planned visit starts; a trip only once approved. */
    void start(OffsetDateTime at) {
        start(at, at);
    }

    /** A planned visit starts at the time the engineer's device states, received by the service at {@code receivedAt}. */
    void start(OffsetDateTime at, OffsetDateTime receivedAt) {
        require(Status.PLANNED);
        if (travelRequired && travelStatus != TravelStatus.APPROVED) {
            throw new ProblemException(409, "visit_travel_not_approved", Messages.coded("travel_status", travelStatus)).with("travelStatus", travelStatus);
        }
        status = Status.STARTED;
        startedAt = at;
        startedReceivedAt = receivedAt;
    }

    /** A started visit is completed with the work done, its result and the parts used. */
    void complete(String workDone, String result, List<PartUsed> partsUsed, OffsetDateTime at) {
        complete(workDone, result, partsUsed, java.util.Map.of(), at, at);
    }

    /**
     * A started visit is completed with the work done, its result and the parts used (each linked to the catalogue
     * entry of its number, if any), at the time the device states, received by the service at {@code receivedAt}.
     */
    void complete(String workDone, String result, List<PartUsed> partsUsed, java.util.Map<String, PartCatalogue.Entry> catalogue,
                  OffsetDateTime at, OffsetDateTime receivedAt) {
        require(Status.STARTED);
        if (startedAt != null && at.isBefore(startedAt)) {
            throw ProblemException.invalid("occurredAt", "cases.visit_completed_before_start", startedAt);
        }
        status = Status.COMPLETED;
        completedAt = at;
        completedReceivedAt = receivedAt;
        this.workDone = workDone.strip();
        this.result = result.strip();
        this.partsUsed = partsUsed == null ? new ArrayList<>() : new ArrayList<>(partsUsed.stream()
                .map(p -> UsedPart.of(p, catalogue.get(PartCatalogue.key(p.partNo())))).toList());
    }

    /** The engineer responsible for the report. */
    void engineer(String name) {
        engineer = Text.blankToNull(name) == null ? null : name.strip();
    }

    /** Readings taken on site; one the visit already has (same client id) is kept as it was. */
    void addReadings(List<VisitReading> taken) {
        java.util.Set<UUID> known = new java.util.HashSet<>(readings.stream().map(VisitReading::id).toList());
        List<VisitReading> all = new ArrayList<>(readings);
        taken.stream().filter(r -> known.add(r.id())).forEach(all::add);
        readings = all;
    }

    /** 客户确认: the customer's representative confirms the visit once it has started; a later confirmation replaces it. */
    void confirm(String name, OffsetDateTime at, OffsetDateTime receivedAt, UUID signatureAttachmentId) {
        if (status != Status.STARTED && status != Status.COMPLETED) {
            throw new ProblemException(409, "visit_wrong_status", Messages.coded("visit_status", status));
        }
        confirmedByName = name.strip();
        confirmedAt = at;
        confirmationReceivedAt = receivedAt;
        this.signatureAttachmentId = signatureAttachmentId;
    }

    /** Remembers the client's id of the report submission that completed the visit, and what it said. */
    void submittedAs(UUID submissionId, String requestHash, String by) {
        reportSubmissionId = submissionId;
        reportSubmissionHash = requestHash;
        reportSubmittedBy = by;
    }

    private void require(Status required) {
        if (status != required) {
            throw new ProblemException(409, "visit_wrong_status", Messages.coded("visit_status", status));
        }
    }

    public TravelStatus travelStatus() {
        return travelStatus;
    }

    public String travelDecidedBy() {
        return travelDecidedBy;
    }

    public String travelComment() {
        return travelComment;
    }

    public Status status() {
        return status;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }

    public String workDone() {
        return workDone;
    }

    public String result() {
        return result;
    }

    public String cancelReason() {
        return cancelReason;
    }

    public String cancelledBy() {
        return cancelledBy;
    }

    public OffsetDateTime cancelledAt() {
        return cancelledAt;
    }

    public List<UsedPart> partsUsed() {
        return List.copyOf(partsUsed);
    }

    public String engineer() {
        return engineer;
    }

    public OffsetDateTime startedReceivedAt() {
        return startedReceivedAt;
    }

    public OffsetDateTime completedReceivedAt() {
        return completedReceivedAt;
    }

    public List<VisitReading> readings() {
        return List.copyOf(readings);
    }

    public String confirmedByName() {
        return confirmedByName;
    }

    public OffsetDateTime confirmedAt() {
        return confirmedAt;
    }

    public OffsetDateTime confirmationReceivedAt() {
        return confirmationReceivedAt;
    }

    public UUID signatureAttachmentId() {
        return signatureAttachmentId;
    }

    public UUID reportSubmissionId() {
        return reportSubmissionId;
    }

    public String reportSubmissionHash() {
        return reportSubmissionHash;
    }
}
