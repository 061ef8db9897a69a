package com.aftersales.eightd;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.persistence.Versioned;
import com.aftersales.shared.web.Text;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An 8D report (8D 报告): one problem-solving effort answering one or more cases. The aggregate root of its
 * disciplines and links: opening, revising, linking (a recurrence reopens it) and closing behind its gates are here.
 */
@Entity
@Table(name = "eight_d_report")
public class EightDReport extends Versioned {

    @Schema(name = "EightDReportStatus")
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
    UUID id;

    @Column(name = "report_no", nullable = false, updatable = false)
    String reportNo;

    @Column(nullable = false)
    String title;

    @Column(name = "customer_id", updatable = false)
    UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "opened_on", nullable = false, updatable = false)
    LocalDate openedOn;

    String champion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<TeamMember> team = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    ProblemDescription d2;

    @Column(name = "d4_occurrence")
    String d4Occurrence;

    @Column(name = "d4_escape")
    String d4Escape;

    @Column(name = "d6_verification")
    String d6Verification;

    @Column(name = "d6_verified_on")
    LocalDate d6VerifiedOn;

    @JdbcTypeCode(SqlTypes.JSON)
    Prevention d7;

    /** The owner's summary report (总结报告), archived with the 8D at the quality center. */
    String summary;

    @Column(name = "recurrence_count", nullable = false)
    private int recurrenceCount;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;

    protected EightDReport() {
    }

    static EightDReport open(String reportNo, String title, UUID customerId, LocalDate today, String champion,
                             List<TeamMember> team, String by) {
        EightDReport r = new EightDReport();
        r.id = UUID.randomUUID();
        r.reportNo = reportNo;
        r.title = title.strip();
        r.customerId = customerId;
        r.status = Status.OPEN;
        r.openedOn = today;
        r.champion = Text.blankToNull(champion);
        r.team = team == null ? new ArrayList<>() : new ArrayList<>(team);
        r.createdBy = by;
        return r;
    }

    /** A closed report changes only by a recurrence (a case linked after closure). */
    void requireOpen() {
        if (status == Status.CLOSED) {
            throw new ProblemException(409, "eightd_closed", reportNo);
        }
    }

    /** Replaces the structured disciplines; D6 is verified between the report's opening and today. */
    void revise(ReportRequests.Update u, LocalDate today) {
        requireOpen();
        checkVerifiedOn(u.d6VerifiedOn(), today);
        title = u.title().strip();
        champion = Text.blankToNull(u.champion());
        team = u.team() == null ? new ArrayList<>() : new ArrayList<>(u.team());
        d2 = u.d2();
        d4Occurrence = Text.blankToNull(u.d4Occurrence());
        d4Escape = Text.blankToNull(u.d4Escape());
        d6Verification = Text.blankToNull(u.d6Verification());
        d6VerifiedOn = u.d6VerifiedOn();
        d7 = u.d7();
        summary = Text.blankToNull(u.summary());
    }

    /** The disciplines with structured findings on the report (D2, D4, D6, D7). */
    static final Set<Discipline> WITH_FINDINGS = EnumSet.of(Discipline.D2, Discipline.D4, Discipline.D6,
            Discipline.D7);

    /** One discipline's findings now (the other members null): the base of its PUT and merge patch, and its view. */
    ReportRequests.Findings findings(Discipline d) {
        return switch (d) {
            case D2 -> new ReportRequests.Findings(d2, null, null, null, null, null);
            case D4 -> new ReportRequests.Findings(null, d4Occurrence, d4Escape, null, null, null);
            case D6 -> new ReportRequests.Findings(null, null, null, d6Verification, d6VerifiedOn, null);
            case D7 -> new ReportRequests.Findings(null, null, null, null, null, d7);
            default -> throw new ProblemException(404, "eightd_no_findings", d);
        };
    }

    /** Replaces one discipline's findings; a member of another discipline is refused (422 naming it). */
    void reviseFindings(Discipline d, ReportRequests.Findings f, LocalDate today) {
        requireOpen();
        findings(d);
        List<Issue> foreign = new ArrayList<>();
        Object[][] members = {{"d2", f.d2()}, {"d4Occurrence", f.d4Occurrence()}, {"d4Escape", f.d4Escape()},
                {"d6Verification", f.d6Verification()}, {"d6VerifiedOn", f.d6VerifiedOn()}, {"d7", f.d7()}};
        Set<String> allowed = switch (d) {
            case D2 -> Set.of("d2");
            case D4 -> Set.of("d4Occurrence", "d4Escape");
            case D6 -> Set.of("d6Verification", "d6VerifiedOn");
            default -> Set.of("d7");
        };
        for (Object[] m : members) {
            if (m[1] != null && !allowed.contains((String) m[0])) {
                foreign.add(Issue.of((String) m[0], "eightd.findings_of_another_discipline", d));
            }
        }
        if (!foreign.isEmpty()) {
            throw new ProblemException(422, "validation_failed", foreign);
        }
        switch (d) {
            case D2 -> d2 = f.d2();
            case D4 -> {
                d4Occurrence = Text.blankToNull(f.d4Occurrence());
                d4Escape = Text.blankToNull(f.d4Escape());
            }
            case D6 -> {
                checkVerifiedOn(f.d6VerifiedOn(), today);
                d6Verification = Text.blankToNull(f.d6Verification());
                d6VerifiedOn = f.d6VerifiedOn();
            }
            default -> d7 = f.d7();
        }
    }

    private void checkVerifiedOn(LocalDate verifiedOn, LocalDate today) {
        if (verifiedOn != null && (verifiedOn.isBefore(openedOn) || verifiedOn.isAfter(today))) {
            throw ProblemException.invalid("d6VerifiedOn", "eightd.date_outside_report", openedOn);
        }
    }

    /** The report's own fields now, in the shape of its PUT body (the base a merge patch applies to). */
    ReportRequests.Update asRequest() {
        return new ReportRequests.Update(title, champion, List.copyOf(team), d2, d4Occurrence, d4Escape, d6Verification,
                d6VerifiedOn, d7, summary);
    }

    /** Links a case; one linked after closure is a recurrence of the problem and reopens the report and its D8. */
    CaseLink link(UUID caseId, DisciplineEntry d8, OffsetDateTime at) {
        CaseLink link = new CaseLink();
        link.reportId = id;
        link.caseId = caseId;
        link.recurrence = status == Status.CLOSED;
        link.linkedAt = at;
        if (link.recurrence) {
            status = Status.OPEN;
            recurrenceCount++;
            closedAt = null;
            closedBy = null;
            d8.reopen();
        }
        return link;
    }

    /**
     * Closing needs D6 verified and D7 filled, every discipline D0–D7 done, no action still open and the owner's
     * summary report (总结报告, archived with the 8D); D8 records who closed it, when, and the comment.
     */
    void close(List<DisciplineEntry> disciplines, long openActions, String by, String comment, OffsetDateTime at) {
        requireOpen();
        List<Issue> missing = new ArrayList<>();
        if (d6Verification == null || d6VerifiedOn == null) {
            missing.add(Issue.of("d6Verification", "eightd.gate_d6"));
        }
        if (d7 == null || (d7.documents() == null || d7.documents().isEmpty())
                && (d7.lessons() == null || d7.lessons().isBlank())) {
            missing.add(Issue.of("d7", "eightd.gate_d7"));
        }
        for (DisciplineEntry e : disciplines) {
            if (e.discipline != Discipline.D8 && e.status() != DisciplineEntry.Status.DONE) {
                missing.add(Issue.of("disciplines." + e.discipline, "eightd.gate_discipline", e.discipline));
            }
        }
        if (openActions > 0) {
            missing.add(Issue.of("actions", "eightd.gate_actions", openActions));
        }
        if (summary == null || summary.isBlank()) {
            missing.add(Issue.of("summary", "eightd.gate_summary"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(409, "eightd_cannot_close", missing);
        }
        disciplines.stream().filter(e -> e.discipline == Discipline.D8).findFirst().orElseThrow().closure(by, comment, at);
        status = Status.CLOSED;
        closedAt = at;
        closedBy = by;
    }

    public Status status() {
        return status;
    }

    public int recurrenceCount() {
        return recurrenceCount;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }
}
