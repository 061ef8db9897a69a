package com.aftersales.eightd;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.web.Text;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One discipline of a report: due date from the deadline profile, owner, content, evidence, status. */
@Entity
@Table(name = "eight_d_discipline")
@IdClass(DisciplineEntry.Key.class)
public class DisciplineEntry {

    @Schema(name = "DisciplineStatus")
    public enum Status { OPEN, DONE }

    public static class Key implements Serializable {
        public UUID reportId;
        public Discipline discipline;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(reportId, k.reportId) && discipline == k.discipline;
        }

        @Override
        public int hashCode() {
            return Objects.hash(reportId, discipline);
        }
    }

    @Id
    @Column(name = "report_id")
    UUID reportId;

    @Id
    @Enumerated(EnumType.STRING)
    Discipline discipline;

    @Column(name = "due_date", nullable = false)
    LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    private String owner;

    private String content;

    /** Attachment ids (photos, measurements, updated documents) that prove the work. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<UUID> evidence = new ArrayList<>();

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    /** The discipline's own ETag: edits of different disciplines do not collide, two of the same one do (412). */
    @Version
    long version;

    protected DisciplineEntry() {
    }

    static DisciplineEntry open(UUID reportId, Discipline discipline, LocalDate dueDate) {
        DisciplineEntry e = new DisciplineEntry();
        e.reportId = reportId;
        e.discipline = discipline;
        e.dueDate = dueDate;
        e.status = Status.OPEN;
        return e;
    }

    /**
     * The owner's work on D0–D7 (D8 is the closure); evidence must be attachments of the report's cases
     * ({@code evidenceKnown}); done needs an owner and content, and keeps the first completion time.
     */
    void fill(String owner, String content, List<UUID> evidence, boolean evidenceKnown, boolean done, OffsetDateTime at) {
        if (discipline == Discipline.D8) {
            throw new ProblemException(409, "eightd_d8_is_closure");
        }
        if (!evidenceKnown) {
            throw ProblemException.invalid("evidence", "eightd.evidence_unknown");
        }
        this.owner = Text.blankToNull(owner);
        this.content = Text.blankToNull(content);
        this.evidence = new ArrayList<>(evidence);
        if (done && (this.owner == null || this.content == null)) {
            throw new ProblemException(422, "validation_failed", List.of(
                    Issue.of(this.owner == null ? "owner" : "content", "eightd.done_needs_owner_and_content")));
        }
        status = done ? Status.DONE : Status.OPEN;
        completedAt = done ? (completedAt == null ? at : completedAt) : null;
    }

    /** What the discipline holds now, in the shape of its PUT body (the base a merge patch applies to). */
    ReportRequests.DisciplineUpdate asRequest() {
        return new ReportRequests.DisciplineUpdate(owner, content, List.copyOf(evidence), status == Status.DONE);
    }

    /** D8 done by closing the report. */
    void closure(String by, String comment, OffsetDateTime at) {
        status = Status.DONE;
        owner = by;
        content = Text.blankToNull(comment);
        completedAt = at;
    }

    /** D8 open again after a recurrence. */
    void reopen() {
        status = Status.OPEN;
        completedAt = null;
    }

    public Status status() {
        return status;
    }

    public String owner() {
        return owner;
    }

    public String content() {
        return content;
    }

    public List<UUID> evidence() {
        return List.copyOf(evidence);
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }

    public long version() {
        return version;
    }
}
