package com.aftersales.cases;

import com.aftersales.shared.persistence.Versioned;
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

/** 技术服务表: an on-site visit for a case; a trip waits for the after-sales manager's travel approval (出差审核). */
@Entity
@Table(name = "field_visit")
public class FieldVisit extends Versioned {

    public enum Purpose { ON_SITE_REPAIR, COMMISSIONING, DELIVERY_SERVICE, TRAINING, TECHNICAL_EXCHANGE }

    public enum TravelStatus { NOT_REQUIRED, REQUESTED, APPROVED, REJECTED }

    public enum Status { PLANNED, STARTED, COMPLETED, CANCELLED }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record PartUsed(
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 60) String partNo,
            @jakarta.validation.constraints.Size(max = 200) String name,
            @jakarta.validation.constraints.Positive @jakarta.validation.constraints.Max(100_000) int quantity) {
    }

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "planned_date", nullable = false)
    public LocalDate plannedDate;

    @Column(nullable = false)
    public String site;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> technicians = new ArrayList<>();

    @Column(name = "travel_required", nullable = false)
    public boolean travelRequired;

    @Enumerated(EnumType.STRING)
    @Column(name = "travel_status", nullable = false)
    public TravelStatus travelStatus;

    @Column(name = "travel_decided_by")
    public String travelDecidedBy;

    @Column(name = "travel_comment")
    public String travelComment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "work_done")
    public String workDone;

    public String result;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parts_used", nullable = false)
    public List<PartUsed> partsUsed = new ArrayList<>();

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
