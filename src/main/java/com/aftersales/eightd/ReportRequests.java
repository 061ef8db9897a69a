package com.aftersales.eightd;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What clients send to 8D endpoints. */
public final class ReportRequests {

    private ReportRequests() {
    }

    public record Open(@NotBlank @Size(max = 300) String title, @NotNull @Size(min = 1, max = 100) List<@NotNull UUID> caseIds,
                       @Size(max = 100) String champion,
                       @Size(max = 50) List<EightDReport.@Valid @NotNull TeamMember> team) {
    }

    /** The report's structured disciplines; replaces what was there (If-Match). */
    public record Update(@NotBlank @Size(max = 300) String title, @Size(max = 100) String champion,
                         @Size(max = 50) List<EightDReport.@Valid @NotNull TeamMember> team,
                         @Valid EightDReport.ProblemDescription d2,
                         @Size(max = 10_000) String d4Occurrence, @Size(max = 10_000) String d4Escape,
                         @Size(max = 10_000) String d6Verification, LocalDate d6VerifiedOn,
                         @Valid EightDReport.Prevention d7, @Size(max = 50_000) String summary) {
    }

    public record DisciplineUpdate(@Size(max = 200) String owner, @Size(max = 20_000) String content,
                                   @Size(max = 50) List<@NotNull UUID> evidence, boolean done) {
    }

    /**
     * The structured findings of one discipline, under that discipline's ETag: D2's problem description (5W2H), D4's
     * occurrence and escape causes, D6's verification and its date, D7's prevention. Only the discipline's own members
     * may be set; a PUT replaces them.
     */
    public record Findings(@Valid EightDReport.ProblemDescription d2,
                           @Size(max = 10_000) String d4Occurrence, @Size(max = 10_000) String d4Escape,
                           @Size(max = 10_000) String d6Verification, LocalDate d6VerifiedOn,
                           @Valid EightDReport.Prevention d7) {
    }

    public record LinkCase(@NotNull UUID caseId) {
    }

    public record Action(@NotNull EightDAction.Kind kind, @NotBlank @Size(max = 4000) String description,
                         @NotBlank @Size(max = 200) String owner, @NotNull LocalDate dueDate) {
    }

    public record ActionUpdate(@NotBlank @Size(max = 4000) String description, @NotBlank @Size(max = 200) String owner,
                               @NotNull LocalDate dueDate, @NotNull EightDAction.Status status,
                               @Size(max = 4000) String effectiveness, @Size(max = 50) List<@NotNull UUID> evidence) {
    }
}
