package com.aftersales.eightd;

import com.aftersales.shared.persistence.Versioned;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An 8D report (8D 报告): one problem-solving effort answering one or more cases. */
@Entity
@Table(name = "eight_d_report")
public class EightDReport extends Versioned {

    public enum Status { OPEN, CLOSED }

    @RegisterForReflection
    public record TeamMember(@NotBlank @Size(max = 100) String name, @Size(max = 100) String role,
                             @Size(max = 100) String department) {
    }

    /** D2: 5W2H and is / is-not. */
    @RegisterForReflection
    public record ProblemDescription(@Size(max = 2000) String what, @Size(max = 2000) String where,
                                     @Size(max = 2000) String when, @Size(max = 2000) String who,
                                     @Size(max = 2000) String why, @Size(max = 2000) String how,
                                     @Size(max = 2000) String howMany, @Size(max = 4000) String isNot) {
    }

    /** D7: documents updated so the failure does not come back, and lessons learned. */
    @RegisterForReflection
    public record Prevention(@Size(max = 50) List<@NotNull UpdatedDocument> documents, @Size(max = 10_000) String lessons) {
    }

    @RegisterForReflection
    public record UpdatedDocument(@NotNull DocumentType type, @NotBlank @Size(max = 100) String reference,
                                  @Size(max = 2000) String change) {
    }

    public enum DocumentType { FMEA, PFMEA, CONTROL_PLAN, WORK_INSTRUCTION, DRAWING, SPECIFICATION }

    @Id
    public UUID id;

    @Column(name = "report_no", nullable = false, updatable = false)
    public String reportNo;

    @Column(nullable = false)
    public String title;

    @Column(name = "customer_id", updatable = false)
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "opened_on", nullable = false, updatable = false)
    public LocalDate openedOn;

    public String champion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<TeamMember> team = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public ProblemDescription d2;

    @Column(name = "d4_occurrence")
    public String d4Occurrence;

    @Column(name = "d4_escape")
    public String d4Escape;

    @Column(name = "d6_verification")
    public String d6Verification;

    @Column(name = "d6_verified_on")
    public LocalDate d6VerifiedOn;

    @JdbcTypeCode(SqlTypes.JSON)
    public Prevention d7;

    /** The owner's summary report (总结报告), archived with the 8D at the quality center. */
    public String summary;

    @Column(name = "recurrence_count", nullable = false)
    public int recurrenceCount;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
