package com.aftersales.eightd;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A containment (D3), corrective (D5) or preventive (D7) action of an 8D report, tracked to closure. */
@Entity
@Table(name = "eight_d_action")
public class EightDAction extends Versioned {

    @Schema(name = "EightDActionKind")
    public enum Kind { CONTAINMENT, CORRECTIVE, PREVENTIVE }

    @Schema(name = "EightDActionStatus")
    public enum Status {
        OPEN, IN_PROGRESS, DONE, VERIFIED, CANCELLED;

        boolean isOpen() {
            return this == OPEN || this == IN_PROGRESS;
        }
    }

    @Id
    UUID id;

    @Column(name = "report_id", nullable = false, updatable = false)
    UUID reportId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Kind kind;

    @Column(nullable = false)
    String description;

    @Column(nullable = false)
    String owner;

    @Column(name = "due_date", nullable = false)
    LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    private String effectiveness;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<UUID> evidence = new ArrayList<>();

    @Column(name = "completed_on")
    private LocalDate completedOn;

    protected EightDAction() {
    }

    /** A new open action of a report; it is not due before the report was opened. */
    static EightDAction plan(EightDReport report, Kind kind, String description, String owner, LocalDate dueDate) {
        requireDueAfterOpening(report, dueDate);
        EightDAction a = new EightDAction();
        a.id = UUID.randomUUID();
        a.reportId = report.id;
        a.kind = kind;
        a.description = description.strip();
        a.owner = owner.strip();
        a.dueDate = dueDate;
        a.status = Status.OPEN;
        return a;
    }

    /**
     * Replaces what the action says and where it stands: verifying names its effectiveness, evidence must be
     * attachments of the report's cases ({@code evidenceKnown}); done or verified keeps the first completion day.
     */
    void revise(EightDReport report, ReportRequests.ActionUpdate u, List<UUID> evidence, boolean evidenceKnown,
                LocalDate today) {
        requireDueAfterOpening(report, u.dueDate());
        if (u.status() == Status.VERIFIED && (u.effectiveness() == null || u.effectiveness().isBlank())) {
            throw ProblemException.invalid("effectiveness", "eightd.verified_needs_effectiveness");
        }
        if (!evidenceKnown) {
            throw ProblemException.invalid("evidence", "eightd.evidence_unknown");
        }
        description = u.description().strip();
        owner = u.owner().strip();
        dueDate = u.dueDate();
        boolean finished = u.status() == Status.DONE || u.status() == Status.VERIFIED;
        completedOn = finished ? (completedOn == null ? today : completedOn) : null;
        status = u.status();
        effectiveness = Text.blankToNull(u.effectiveness());
        this.evidence = new ArrayList<>(evidence);
    }

    /** What the action says now, in the shape of its PUT body (the base a merge patch applies to). */
    ReportRequests.ActionUpdate asRequest() {
        return new ReportRequests.ActionUpdate(description, owner, dueDate, status, effectiveness, List.copyOf(evidence));
    }

    private static void requireDueAfterOpening(EightDReport report, LocalDate dueDate) {
        if (dueDate.isBefore(report.openedOn)) {
            throw ProblemException.invalid("dueDate", "eightd.due_before_report", report.openedOn);
        }
    }

    public Status status() {
        return status;
    }

    public String effectiveness() {
        return effectiveness;
    }

    public List<UUID> evidence() {
        return List.copyOf(evidence);
    }

    public LocalDate completedOn() {
        return completedOn;
    }
}
