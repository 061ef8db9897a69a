package com.aftersales.eightd;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.web.Versions;
import com.aftersales.shared.web.MergePatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Containment, corrective and preventive actions of 8D reports, and the overdue list across all reports. */
@ApplicationScoped
@Transactional
public class EightDActions {

    @Inject
    EightDActionRepository actionRows;

    @Inject
    EightDReports reports;

    @Inject
    EightDReportRepository reportRows;

    @Inject
    Clock clock;

    @Inject
    MergePatch mergePatch;

    public ReportView add(@NotNull UUID reportId, long expectedVersion, @NotNull @Valid ReportRequests.Action request) {
        EightDReport r = reports.forChange(reportId, expectedVersion);
        ReportView before = reports.view(r);
        actionRows.persist(EightDAction.plan(r, request.kind(), request.description(), request.owner(), request.dueDate()));
        return reports.audited(r, "ACTION_ADD", before);
    }

    /** Replaces what an action says under the action's own ETag: edits of other actions or disciplines do not collide. */
    public ReportView.ActionView update(@NotNull UUID reportId, @NotNull UUID actionId, long expectedVersion,
                                        @NotNull @Valid ReportRequests.ActionUpdate request) {
        EightDReport r = reports.visible(reportId, LockModeType.PESSIMISTIC_WRITE);
        return revise(r, forChange(r, actionId, expectedVersion), request);
    }

    /** A merge patch (RFC 7396) of one action under its own ETag: a status change sends only the status. */
    public ReportView.ActionView patch(@NotNull UUID reportId, @NotNull UUID actionId, long expectedVersion,
                                       @NotNull JsonNode patch) {
        EightDReport r = reports.visible(reportId, LockModeType.PESSIMISTIC_WRITE);
        EightDAction a = forChange(r, actionId, expectedVersion);
        return revise(r, a, mergePatch.apply(a.asRequest(), patch, ReportRequests.ActionUpdate.class));
    }

    /** The action of a report locked for the change, at the version the client saw, of a report still open. */
    private EightDAction forChange(EightDReport r, UUID actionId, long expectedVersion) {
        EightDAction a = actionRows.find("id = ?1 and reportId = ?2", actionId, r.id).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("eight-d-action", actionId));
        Versions.check(a.version, expectedVersion);
        r.requireOpen();
        return a;
    }

    private ReportView.ActionView revise(EightDReport r, EightDAction a, ReportRequests.ActionUpdate request) {
        List<UUID> evidence = request.evidence() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.evidence()));
        boolean evidenceKnown = reports.evidenceKnown(r, evidence);
        ReportView before = reports.view(r);
        LocalDate today = LocalDate.now(clock);
        a.revise(r, request, evidence, evidenceKnown, today);
        reports.audited(r, "ACTION_UPDATE", before);
        return ReportView.ActionView.of(a, r.reportNo, today);
    }

    /** Actions across all reports the caller may see: optionally only overdue ones, or one owner's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReportView.ActionView> list(boolean overdueOnly, String owner, EightDAction.Status status, PageRequest page) {
        LocalDate today = LocalDate.now(clock);
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (overdueOnly) {
            params.add(today);
            where.append(" and status in ('OPEN', 'IN_PROGRESS') and dueDate < ?").append(params.size());
        }
        if (owner != null) {
            params.add(owner);
            where.append(" and owner = ?").append(params.size());
        }
        if (status != null) {
            params.add(status);
            where.append(" and status = ?").append(params.size());
        }
        if (page.after() != null) {
            String[] key = page.after().split("\\|", 2);
            try {
                params.add(LocalDate.parse(key[0]));
                params.add(UUID.fromString(key[1]));
            } catch (RuntimeException e) {
                throw ProblemException.badParameter("cursor", "validation.cursor");
            }
            where.append(" and (dueDate > ?").append(params.size() - 1).append(" or (dueDate = ?").append(params.size() - 1)
                    .append(" and id > ?").append(params.size()).append("))");
        }
        List<EightDAction> rows = actionRows.find(where + " order by dueDate, id", params.toArray()).page(0, page.fetchSize()).list();
        Map<UUID, String> reportNos = rows.isEmpty() ? Map.of() : reportRows.list("id in ?1",
                rows.stream().map(a -> a.reportId).distinct().toList()).stream()
                .collect(Collectors.toMap(r -> r.id, r -> r.reportNo));
        return page.page(rows, a -> a.dueDate + "|" + a.id, a -> ReportView.ActionView.of(a, reportNos.get(a.reportId), today));
    }
}
