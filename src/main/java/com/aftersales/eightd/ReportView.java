package com.aftersales.eightd;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
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

    @RegisterForReflection
    public record CaseRef(UUID caseId, String caseNo, boolean recurrence, OffsetDateTime linkedAt) {
    }

    @RegisterForReflection
    public record DisciplineView(Discipline discipline, String name, LocalDate dueDate, DisciplineEntry.Status status,
                                 String owner, String content, List<UUID> evidence, OffsetDateTime completedAt,
                                 boolean overdue) {
    }

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
