package com.aftersales.eightd;

import com.aftersales.shared.error.Messages;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An 8D report with its cases, disciplines and actions. */
@RegisterForReflection
public record ReportView(UUID id, String reportNo, String title, UUID customerId, EightDReport.Status status,
                         LocalDate openedOn, String champion, List<EightDReport.TeamMember> team, String teamWarning,
                         EightDReport.ProblemDescription d2, String d4Occurrence, String d4Escape, String d6Verification,
                         LocalDate d6VerifiedOn, EightDReport.Prevention d7, String summary, int recurrenceCount,
                         List<CaseRef> cases, List<DisciplineView> disciplines, List<ActionView> actions,
                         OffsetDateTime closedAt, String closedBy, String createdBy, long version,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The warning on a team of unusual size, in a language (null for a team of 4 to 10). */
    static String teamWarning(int size, Locale locale) {
        return size < 4 || size > 10 ? Messages.text(locale, "eightd.team_size", size) : null;
    }

    /**
     * The report as a reader of a language sees it: the texts the service composes (discipline names, the team-size
     * warning) in that language only. What people wrote (title, D2 description, contents) stays as written.
     */
    public ReportView in(Locale locale) {
        List<DisciplineView> named = disciplines.stream().map(d -> d.in(locale)).toList();
        return new ReportView(id, reportNo, title, customerId, status, openedOn, champion, team,
                teamWarning(team.size(), locale), d2, d4Occurrence, d4Escape, d6Verification, d6VerifiedOn, d7, summary,
                recurrenceCount, cases, named, actions, closedAt, closedBy, createdBy, version, createdAt, updatedAt);
    }

    @RegisterForReflection
    public record CaseRef(UUID caseId, String caseNo, boolean recurrence, OffsetDateTime linkedAt) {
    }

    /**
     * One discipline's structured findings (only its own members set) and its ETag {@code version}, which its findings'
     * PUT and PATCH take and move on (as do its entry's).
     */
    @RegisterForReflection
    public record FindingsView(Discipline discipline, EightDReport.ProblemDescription d2, String d4Occurrence,
                               String d4Escape, String d6Verification, LocalDate d6VerifiedOn, EightDReport.Prevention d7,
                               long version) {
        static FindingsView of(Discipline d, ReportRequests.Findings f, long version) {
            return new FindingsView(d, f.d2(), f.d4Occurrence(), f.d4Escape(), f.d6Verification(), f.d6VerifiedOn(), f.d7(),
                    version);
        }
    }

    /** One discipline; {@code version} is its own ETag (If-Match of PUT and PATCH …/disciplines/{discipline}). */
    @RegisterForReflection
    public record DisciplineView(Discipline discipline, String name, LocalDate dueDate, DisciplineEntry.Status status,
                                 String owner, String content, List<UUID> evidence, OffsetDateTime completedAt,
                                 boolean overdue, long version) {

        static DisciplineView of(DisciplineEntry e, LocalDate today) {
            return new DisciplineView(e.discipline, e.discipline.zh, e.dueDate, e.status(), e.owner(), e.content(),
                    e.evidence(), e.completedAt(), e.status() == DisciplineEntry.Status.OPEN && e.dueDate.isBefore(today),
                    e.version());
        }

        /** The discipline's name in the reader's language. */
        public DisciplineView in(Locale locale) {
            return new DisciplineView(discipline, "en".equals(locale.getLanguage()) ? discipline.en : discipline.zh,
                    dueDate, status, owner, content, evidence, completedAt, overdue, version);
        }
    }

    /** One action; {@code version} is its own ETag (If-Match of PUT and PATCH …/actions/{actionId}). */
    @RegisterForReflection
    public record ActionView(UUID id, UUID reportId, String reportNo, EightDAction.Kind kind, String description,
                             String owner, LocalDate dueDate, EightDAction.Status status, String effectiveness,
                             List<UUID> evidence, LocalDate completedOn, boolean overdue, long version) {
        static ActionView of(EightDAction a, String reportNo, LocalDate today) {
            return new ActionView(a.id, a.reportId, reportNo, a.kind, a.description, a.owner, a.dueDate, a.status(),
                    a.effectiveness(), a.evidence(), a.completedOn(), a.status().isOpen() && a.dueDate.isBefore(today),
                    a.version);
        }
    }
}
