package com.aftersales.problems;

import com.aftersales.cases.CaseReferences;
import com.aftersales.cases.Severity;
import com.aftersales.eightd.EightDReport;
import com.aftersales.eightd.EightDReports;
import com.aftersales.eightd.ReportView;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.Page;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The complaint problem library: entries by hand or from a closed 8D in one step, links, search. */
@ApplicationScoped
@Transactional
public class ProblemLibrary {

    @Inject
    ProblemRepository problems;

    public record ProblemRequest(
            @NotBlank @Size(max = 500) String failureMode,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> productModels,
            @Size(max = 4) List<@NotNull ProductLine> productLines,
            @NotBlank @Size(max = 10_000) String rootCause,
            @NotBlank @Size(max = 10_000) String countermeasure,
            @Size(max = 4000) String detectionMethod,
            @NotNull Severity severity,
            Problem.Status status,
            @Size(max = 50) List<EightDReport.@Valid @NotNull UpdatedDocument> fmeaLinks,
            @Size(max = 100) List<@NotNull UUID> reportIds,
            @Size(max = 100) List<@NotNull UUID> caseIds) {
    }

    @RegisterForReflection
    public record ProblemView(UUID id, String problemNo, String failureMode, List<String> productModels,
                              List<ProductLine> productLines, String rootCause,
                              String countermeasure, String detectionMethod, Severity severity, Problem.Status status,
                              List<EightDReport.UpdatedDocument> fmeaLinks, UUID sourceReportId, List<UUID> reportIds,
                              List<UUID> caseIds, String createdBy, long version, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt) {
    }

    public record Filter(String model, String failureMode, String cause, String text, Problem.Status status) {
    }

    static final String AUDIT_TYPE = "problem";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    EightDReports reports;

    @Inject
    CaseReferences cases;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    public ProblemView create(@NotNull @Valid ProblemRequest request) {
        Problem p = new Problem();
        p.id = UUID.randomUUID();
        p.problemNo = nextNo();
        p.createdBy = caller.subject();
        apply(p, request);
        p.productLines = productLines(request.productLines(), request.caseIds());
        problems.persist(p);
        link(p.id, request.reportIds(), request.caseIds());
        return audited(p, "CREATE", null);
    }

    /** One step from a closed 8D: its title, causes, corrective actions, detection and D7 documents, its cases and models. */
    public ProblemView fromReport(@NotNull UUID reportId) {
        ReportView r = reports.get(reportId);
        if (r.status() != EightDReport.Status.CLOSED) {
            throw new ProblemException(409, "problem_report_not_closed", r.reportNo());
        }
        if (problems.count("sourceReportId", reportId) > 0) {
            throw new ProblemException(409, "problem_report_used", r.reportNo());
        }
        List<UUID> caseIds = r.cases().stream().map(ReportView.CaseRef::caseId).toList();
        CaseReferences.ModelsAndSeverities facts = cases.modelsAndSeverities(caseIds);
        Problem p = new Problem();
        p.id = UUID.randomUUID();
        p.problemNo = nextNo();
        p.createdBy = caller.subject();
        p.sourceReportId = reportId;
        p.failureMode = r.title();
        p.productModels = facts.productModels().stream().distinct().sorted().toArray(String[]::new);
        p.productLines = facts.productLines().stream().map(Enum::name).toArray(String[]::new);
        p.rootCause = join(List.of(label("发生原因", r.d4Occurrence()), label("流出原因", r.d4Escape())));
        p.countermeasure = join(r.actions().stream().filter(a -> a.kind() != com.aftersales.eightd.EightDAction.Kind.CONTAINMENT)
                .map(ReportView.ActionView::description).toList());
        if (p.rootCause.isBlank() || p.countermeasure.isBlank()) {
            throw new ProblemException(409, "problem_report_incomplete", r.reportNo());
        }
        p.detectionMethod = r.d4Escape();
        p.severity = facts.severities().stream().max(Comparator.naturalOrder()).orElse(Severity.MEDIUM);
        p.status = Problem.Status.COUNTERMEASURE_EFFECTIVE;
        p.fmeaLinks = r.d7() == null || r.d7().documents() == null ? new ArrayList<>() : new ArrayList<>(r.d7().documents());
        problems.persist(p);
        link(p.id, List.of(reportId), caseIds);
        return audited(p, "CREATE_FROM_8D", null);
    }

    public ProblemView update(@NotNull UUID id, long expectedVersion, @NotNull @Valid ProblemRequest request) {
        Problem p = problems.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("problem", id));
        Versions.check(p.version, expectedVersion);
        ProblemView before = view(p);
        apply(p, request);
        p.productLines = productLines(request.productLines(), request.caseIds());
        em.createNativeQuery("delete from problem_link where problem_id = ?1").setParameter(1, id).executeUpdate();
        List<UUID> reportIds = new ArrayList<>(request.reportIds() == null ? List.of() : request.reportIds());
        if (p.sourceReportId != null && !reportIds.contains(p.sourceReportId)) {
            reportIds.add(p.sourceReportId);
        }
        link(p.id, reportIds, request.caseIds());
        p.updatedAt = OffsetDateTime.now(clock);
        return audited(p, "UPDATE", before);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProblemView get(UUID id) {
        return view(problems.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("problem", id)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProblemView> search(Filter f, PageRequest page) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.model() != null) {
            params.add(new String[]{f.model().strip()});
            where.add("p.product_models @> cast(?" + params.size() + " as text[])");
        }
        if (f.failureMode() != null) {
            params.add("%" + like(f.failureMode()) + "%");
            where.add("lower(p.failure_mode) like ?" + params.size());
        }
        if (f.cause() != null) {
            params.add("%" + like(f.cause()) + "%");
            where.add("lower(p.root_cause) like ?" + params.size());
        }
        if (f.text() != null) {
            String text = f.text().strip().toLowerCase(Locale.ROOT);
            if (text.length() >= 2) {
                params.add(text);
                where.add("p.search_grams @> aftersales_bigrams(?" + params.size() + ")");
            }
            params.add("%" + like(text) + "%");
            where.add("lower(p.failure_mode || ' ' || p.root_cause || ' ' || p.countermeasure) like ?" + params.size());
        }
        if (f.status() != null) {
            params.add(f.status().name());
            where.add("p.status = ?" + params.size());
        }
        if (page.after() != null) {
            params.add(page.after());
            where.add("p.problem_no > ?" + params.size());
        }
        Query q = em.createNativeQuery("select p.* from problem p" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by p.problem_no limit " + page.fetchSize(), Problem.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Problem> rows = q.getResultList();
        return page.page(rows, p -> p.problemNo, this::view);
    }

    ProblemView view(Problem p) {
        @SuppressWarnings("unchecked")
        List<Object[]> links = em.createNativeQuery("select kind, target_id from problem_link where problem_id = ?1 order by target_id")
                .setParameter(1, p.id).getResultList();
        List<UUID> reportIds = links.stream().filter(l -> "REPORT".equals(l[0])).map(l -> (UUID) l[1]).toList();
        List<UUID> caseIds = links.stream().filter(l -> "CASE".equals(l[0])).map(l -> (UUID) l[1]).toList();
        return new ProblemView(p.id, p.problemNo, p.failureMode, List.of(p.productModels),
                Arrays.stream(p.productLines).map(ProductLine::valueOf).toList(), p.rootCause, p.countermeasure,
                p.detectionMethod, p.severity, p.status, List.copyOf(p.fmeaLinks), p.sourceReportId, reportIds, caseIds,
                p.createdBy, p.version, p.createdAt, p.updatedAt);
    }

    /** The product lines given by hand and those of the linked cases, each once, in their order. */
    private String[] productLines(List<ProductLine> given, List<UUID> caseIds) {
        Set<ProductLine> lines = new TreeSet<>(given == null ? List.of() : given);
        if (caseIds != null && !caseIds.isEmpty()) {
            lines.addAll(cases.modelsAndSeverities(caseIds).productLines());
        }
        return lines.stream().map(Enum::name).toArray(String[]::new);
    }

    private void link(UUID problemId, List<UUID> reportIds, List<UUID> caseIds) {
        Set<UUID> reportSet = new LinkedHashSet<>(reportIds == null ? List.of() : reportIds);
        Set<UUID> caseSet = new LinkedHashSet<>(caseIds == null ? List.of() : caseIds);
        // Links only to what the caller may see: another's record is a 404, as everywhere.
        reportSet.forEach(reports::reportNo);
        caseSet.forEach(id -> cases.visible(id));
        for (UUID id : reportSet) {
            insertLink(problemId, "REPORT", id);
        }
        for (UUID id : caseSet) {
            insertLink(problemId, "CASE", id);
        }
    }

    private void insertLink(UUID problemId, String kind, UUID target) {
        em.createNativeQuery("insert into problem_link (problem_id, kind, target_id) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, problemId).setParameter(2, kind).setParameter(3, target).executeUpdate();
    }

    private static void apply(Problem p, ProblemRequest r) {
        p.failureMode = r.failureMode().strip();
        p.productModels = r.productModels() == null ? new String[0]
                : r.productModels().stream().map(String::strip).distinct().toArray(String[]::new);
        p.rootCause = r.rootCause().strip();
        p.countermeasure = r.countermeasure().strip();
        p.detectionMethod = Text.blankToNull(r.detectionMethod());
        p.severity = r.severity();
        p.status = r.status() == null ? Problem.Status.OPEN : r.status();
        p.fmeaLinks = new ArrayList<>(r.fmeaLinks() == null ? List.of() : r.fmeaLinks());
    }

    private ProblemView audited(Problem p, String action, ProblemView before) {
        em.flush();
        ProblemView after = view(p);
        audit.record(AUDIT_TYPE, p.id, action, before, after);
        return after;
    }

    private String nextNo() {
        long n = ((Number) em.createNativeQuery("select nextval('problem_no_seq')").getSingleResult()).longValue();
        return "PL-%06d".formatted(n);
    }

    private static String like(String s) {
        return Text.likeLiteral(s.strip().toLowerCase(Locale.ROOT));
    }

    private static String label(String label, String value) {
        return value == null || value.isBlank() ? null : label + "：" + value;
    }

    private static String join(List<String> parts) {
        return String.join("\n", parts.stream().filter(s -> s != null && !s.isBlank()).toList());
    }
}
