package com.aftersales.recall;

import com.aftersales.shared.persistence.Versioned;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A recall campaign (召回): which units, what defect and risk, what remedy, its regulatory filing. */
@Entity
@Table(name = "recall_campaign")
public class RecallCampaign extends Versioned {

    public enum Status { DRAFT, FILED, ACTIVE, COMPLETED, CLOSED }

    /**
     * Which units are affected: every given filter must match (models, production dates, batches, customers); when
     * serial ranges or explicit serials are given, the serial must be in one of the ranges or in the list.
     */
    @RegisterForReflection
    public record Criteria(@Size(max = 100) List<@NotBlank @Size(max = 100) String> productModels,
                           LocalDate productionFrom, LocalDate productionTo,
                           @Size(max = 500) List<@NotBlank @Size(max = 60) String> batches,
                           @Size(max = 200) List<@Valid @NotNull SerialRange> serialRanges,
                           @Size(max = 100_000) List<@NotBlank @Size(max = 60) String> serials,
                           @Size(max = 500) List<@NotNull UUID> customerIds) {
    }

    @RegisterForReflection
    public record SerialRange(@NotBlank @Size(max = 60) String from, @NotBlank @Size(max = 60) String to) {
    }

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String code;

    @Column(nullable = false)
    public String title;

    @Column(name = "defect_description", nullable = false)
    public String defectDescription;

    @Column(name = "safety_risk", nullable = false)
    public String safetyRisk;

    @Column(nullable = false)
    public String remedy;

    @Column(name = "filing_reference")
    public String filingReference;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Criteria criteria;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "filing_approved_by")
    public String filingApprovedBy;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "hold_until")
    public LocalDate holdUntil;

    @Column(name = "affected_count")
    public Integer affectedCount;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
