package com.aftersales.problems;

import java.time.temporal.TemporalAdjusters;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.time.DayOfWeek;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.ProductLine;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The problem-library digest per department: its content (new and changed problems in a period), the digests
 * issued (the scheduled job issues them weekly), subscribers, and who has acknowledged reading each digest.
 */
@ApplicationScoped
@Transactional
public class ProblemDigests {

    public record SubscriberRequest(@NotNull Department department, @NotBlank @Size(max = 200) String subscriber,
                                    @NotBlank @Size(max = 100) String name, @Email @Size(max = 200) String email) {
    }

    @RegisterForReflection
    public record SubscriberView(Department department, String subscriber, String name, String email, long version) {
    }

    /** What a department's digest holds: problems of these product lines, models and failure-mode keywords (empty: any). */
    public record ScopeRequest(@NotNull Department department, @Size(max = 4) List<@NotNull ProductLine> productLines,
                               @Size(max = 100) List<@NotBlank @Size(max = 100) String> productModels,
                               @Size(max = 50) List<@NotBlank @Size(max = 100) String> failureModes) {
    }

    @RegisterForReflection
    public record ScopeView(Department department, List<ProductLine> productLines, List<String> productModels,
                            List<String> failureModes, String updatedBy, OffsetDateTime updatedAt, long version) {
    }

    /**
     * A problem {@code p} matches the scope {@code s} of a department (left-joined: no scope matches everything): each
     * non-empty list must meet the problem's (a product line, a model, a keyword in the failure mode, any case).
     */
    static final String MATCHES_SCOPE = """
            (s.department is null or ((cardinality(s.product_lines) = 0 or p.product_lines && s.product_lines)
             and (cardinality(s.product_models) = 0 or p.product_models && s.product_models)
             and (cardinality(s.failure_modes) = 0
                  or exists (select 1 from unnest(s.failure_modes) k where strpos(lower(p.failure_mode), lower(k)) > 0))))""";

    public record IssueRequest(@NotNull Department department, @NotNull OffsetDateTime since) {
    }

    @RegisterForReflection
    public record DigestView(UUID id, Department department, OffsetDateTime periodFrom, OffsetDateTime periodTo,
                             List<ProblemLibrary.ProblemView> problems, String createdBy, OffsetDateTime createdAt) {
    }

    @RegisterForReflection
    public record Acknowledgements(UUID digestId, List<Ack> acknowledged, List<Pending> pending) {
    }

    @RegisterForReflection
    public record Ack(String subscriber, String name, OffsetDateTime acknowledgedAt) {
    }

    @RegisterForReflection
    public record Pending(String subscriber, String name, String email, boolean overdue) {
    }

    @Inject
    EntityManager em;

    @Inject
    ProblemLibrary library;

    @Inject
    ProblemRepository problemRows;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    /**
     * New and changed problems since a moment until now, oldest change first: those a department's scope matches, or
     * all when no department is named.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProblemLibrary.ProblemView> content(OffsetDateTime since, Department department) {
        return content(since, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)), department);
    }

    private List<ProblemLibrary.ProblemView> content(OffsetDateTime since, OffsetDateTime until, Department department) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select p.id from problem p left join digest_scope s on s.department = cast(?1 as text) "
                        + "where p.updated_at > ?2 and p.updated_at <= ?3 and " + MATCHES_SCOPE)
                .setParameter(1, department == null ? null : department.name()).setParameter(2, since).setParameter(3, until)
                .getResultList();
        return ids.isEmpty() ? List.of()
                : problemRows.list("id in ?1 order by updatedAt, id", ids).stream().map(library::view).toList();
    }

    /** What the weekly issue did: digests issued (new ones only) and inbox notices to subscribers. */
    public record WeeklyIssue(int digests, int notices) {
    }

    /**
     * Last week's digest (Monday to Monday in the business zone) for every department with subscribers, holding the
     * problems its scope matches, in one statement, and one notice per subscriber; a department that nothing matched gets
     * no digest (and no notice); a second run in the same week issues nothing new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public WeeklyIssue issueWeekly(OffsetDateTime now) {
        ZoneId zone = clock.getZone();
        ZonedDateTime weekStart = now.atZoneSameInstant(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .toLocalDate().atStartOfDay(zone);
        OffsetDateTime to = weekStart.toOffsetDateTime();
        OffsetDateTime from = weekStart.minusWeeks(1).toOffsetDateTime();
        int issued = em.createNativeQuery("""
                        insert into problem_digest (id, department, period_from, period_to, problem_ids, created_by, created_at)
                        select gen_random_uuid(), d.department, ?1, ?2, m.ids, 'problem-digest-job', ?3
                        from (select distinct department from department_subscriber) d
                        left join digest_scope s on s.department = d.department
                        cross join lateral (select array_agg(p.id order by p.problem_no) as ids from problem p
                                            where p.updated_at >= ?1 and p.updated_at < ?2 and """ + MATCHES_SCOPE + """
                                           ) m
                        where m.ids is not null
                        on conflict (department, period_from, period_to) do nothing""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, now).executeUpdate();
        Outbox.Added notices = outbox.addAll(new Outbox.NoticeQuery(null, """
                        select 'PROBLEM_DIGEST' as kind, null as recipient_role, s.subscriber as recipient_subject,
                               null as customer_id,
                               jsonb_build_object('digestId', g.id, 'department', g.department, 'problems', cardinality(g.problem_ids),
                                                  'periodFrom', to_char(g.period_from at time zone cast(?3 as text), 'YYYY-MM-DD'),
                                                  'periodTo', to_char(g.period_to at time zone cast(?3 as text) - interval '1 day', 'YYYY-MM-DD')) as payload,
                               'digest:' || g.id || ':' || s.subscriber as dedupe_key
                        from problem_digest g join department_subscriber s on s.department = g.department
                        where g.period_from = ?1 and g.period_to = ?2""", null), from, to, zone.getId());
        return new WeeklyIssue(issued, notices.created());
    }

    /** Issues the digest for a department: the problems its scope matches that changed since a moment. */
    public DigestView issue(@NotNull @Valid IssueRequest request) {
        OffsetDateTime until = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        if (!request.since().isBefore(until)) {
            throw ProblemException.invalid("since", "problems.since_in_future");
        }
        List<ProblemLibrary.ProblemView> problems = content(request.since(), until, request.department());
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into problem_digest (id, department, period_from, period_to, problem_ids, created_by, created_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?4)")
                .setParameter(1, id).setParameter(2, request.department().name()).setParameter(3, request.since())
                .setParameter(4, until).setParameter(5, problems.stream().map(ProblemLibrary.ProblemView::id).toArray(UUID[]::new))
                .setParameter(6, caller.subject()).executeUpdate();
        DigestView view = new DigestView(id, request.department(), request.since(), until, problems, caller.subject(), until);
        audit.record("problem-digest", id, "ISSUE", null, java.util.Map.of("department", request.department(),
                "problems", problems.size()));
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DigestView get(UUID id) {
        Object[] row = digest(id);
        UUID[] problemIds = (UUID[]) row[3];
        List<ProblemLibrary.ProblemView> problems = problemIds.length == 0 ? List.of()
                : problemRows.list("id in ?1 order by problemNo", Arrays.asList(problemIds)).stream().map(library::view).toList();
        return new DigestView(id, Department.valueOf((String) row[0]), SqlValues.offsetDateTime(row[1]), SqlValues.offsetDateTime(row[2]), problems,
                (String) row[4], SqlValues.offsetDateTime(row[5]));
    }

    /** The caller confirms having read the digest; only the department's subscribers can. */
    public Ack acknowledge(UUID id) {
        Object[] row = digest(id);
        String me = caller.subject();
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select name from department_subscriber where department = ?1 and subscriber = ?2")
                .setParameter(1, row[0]).setParameter(2, me).getResultList();
        if (names.isEmpty()) {
            throw new ProblemException(403, "problem_digest_not_subscribed", row[0]);
        }
        em.createNativeQuery("insert into digest_acknowledgement (digest_id, subscriber, acknowledged_at) values (?1, ?2, ?3) "
                        + "on conflict do nothing")
                .setParameter(1, id).setParameter(2, me).setParameter(3, OffsetDateTime.now(clock)).executeUpdate();
        Object at = em.createNativeQuery("select acknowledged_at from digest_acknowledgement where digest_id = ?1 and subscriber = ?2")
                .setParameter(1, id).setParameter(2, me).getSingleResult();
        Ack ack = new Ack(me, names.get(0), SqlValues.offsetDateTime(at));
        audit.record("problem-digest", id, "ACKNOWLEDGE", null, ack);
        return ack;
    }

    /** Who has read it, and who has not; a subscriber not done after {@code overdueAfter} is overdue. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Acknowledgements acknowledgements(UUID id, Duration overdueAfter) {
        Object[] row = digest(id);
        boolean late = SqlValues.offsetDateTime(row[5]).plus(overdueAfter).isBefore(OffsetDateTime.now(clock));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.subscriber, s.name, s.email, a.acknowledged_at
                        from department_subscriber s
                        left join digest_acknowledgement a on a.digest_id = ?1 and a.subscriber = s.subscriber
                        where s.department = ?2 order by s.subscriber""")
                .setParameter(1, id).setParameter(2, row[0]).getResultList();
        List<Ack> acked = rows.stream().filter(r -> r[3] != null).map(r -> new Ack((String) r[0], (String) r[1], SqlValues.offsetDateTime(r[3]))).toList();
        List<Pending> pending = rows.stream().filter(r -> r[3] == null)
                .map(r -> new Pending((String) r[0], (String) r[1], (String) r[2], late)).toList();
        return new Acknowledgements(id, acked, pending);
    }

    public SubscriberView subscribe(@NotNull @Valid SubscriberRequest request, @NotNull Versions.Put precondition) {
        // The row under a lock: If-Match names its version, If-None-Match: * only subscribes someone new.
        Long current = subscriberVersion(request.department(), request.subscriber().strip(), true);
        precondition.check(current);
        int written = em.createNativeQuery("insert into department_subscriber (department, subscriber, name, email) values (?1, ?2, ?3, ?4) "
                        + "on conflict (department, subscriber) do update set name = excluded.name, email = excluded.email "
                        + "where cast(?5 as boolean)")
                .setParameter(1, request.department().name()).setParameter(2, request.subscriber().strip())
                .setParameter(3, request.name().strip()).setParameter(4, request.email())
                .setParameter(5, !precondition.creates()).executeUpdate();
        if (written == 0) {
            throw new ProblemException(412, "record_exists");
        }
        SubscriberView view = new SubscriberView(request.department(), request.subscriber().strip(), request.name().strip(),
                request.email(), subscriberVersion(request.department(), request.subscriber().strip(), false));
        audit.record("department-subscriber", request.department() + "/" + view.subscriber(), "SET", null, view);
        return view;
    }

    public void unsubscribe(Department department, String subscriber, long expectedVersion) {
        Long current = subscriberVersion(department, subscriber, true);
        if (current == null) {
            throw ProblemException.notFound("department-subscriber", department + "/" + subscriber);
        }
        Versions.check(current, expectedVersion);
        int removed = em.createNativeQuery("delete from department_subscriber where department = ?1 and subscriber = ?2")
                .setParameter(1, department.name()).setParameter(2, subscriber).executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("department-subscriber", department + "/" + subscriber);
        }
        audit.record("department-subscriber", department + "/" + subscriber, "DELETE", null, null);
    }

    private Long subscriberVersion(Department department, String subscriber, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select version from department_subscriber where department = ?1 "
                        + "and subscriber = ?2" + (lock ? " for update" : "")).setParameter(1, department.name())
                .setParameter(2, subscriber).getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    /** Sets what a department's digest holds (If-None-Match: * for its first scope, If-Match with its version after). */
    public ScopeView scope(@NotNull @Valid ScopeRequest request, @NotNull Versions.Put precondition) {
        Department department = request.department();
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from digest_scope where department = ?1 for update")
                .setParameter(1, department.name()).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)).longValue());
        ScopeView before = current.isEmpty() ? null : scopes(department).get(0);
        int written = em.createNativeQuery("""
                        insert into digest_scope (department, product_lines, product_models, failure_modes, updated_by, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (department) do update set product_lines = excluded.product_lines,
                            product_models = excluded.product_models, failure_modes = excluded.failure_modes,
                            updated_by = excluded.updated_by, updated_at = excluded.updated_at
                        where cast(?7 as boolean)""")
                .setParameter(1, department.name())
                .setParameter(2, distinct(request.productLines() == null ? List.<String>of()
                        : request.productLines().stream().sorted().map(Enum::name).toList()))
                .setParameter(3, distinct(request.productModels()))
                .setParameter(4, distinct(request.failureModes()))
                .setParameter(5, caller.subject()).setParameter(6, OffsetDateTime.now(clock))
                .setParameter(7, !precondition.creates()).executeUpdate();
        if (written == 0) {
            throw new ProblemException(412, "record_exists");
        }
        ScopeView view = scopes(department).get(0);
        audit.record("digest-scope", department.name(), "SET", before, view);
        return view;
    }

    private static String[] distinct(List<String> values) {
        return values == null ? new String[0] : values.stream().map(String::strip).distinct().toArray(String[]::new);
    }

    /** The scopes set, of one department or of all (a department without one gets every problem). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ScopeView> scopes(Department department) {
        String sql = "select department, product_lines, product_models, failure_modes, updated_by, updated_at, version "
                + "from digest_scope ";
        var query = department == null
                ? em.createNativeQuery(sql + "order by department")
                : em.createNativeQuery(sql + "where department = ?1").setParameter(1, department.name());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new ScopeView(Department.valueOf((String) r[0]),
                Arrays.stream((String[]) r[1]).map(ProductLine::valueOf).toList(), List.of((String[]) r[2]),
                List.of((String[]) r[3]), (String) r[4], SqlValues.offsetDateTime(r[5]), ((Number) r[6]).longValue())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SubscriberView> subscribers(Department department) {
        String sql = "select department, subscriber, name, email, version from department_subscriber ";
        var query = department == null
                ? em.createNativeQuery(sql + "order by department, subscriber")
                : em.createNativeQuery(sql + "where department = ?1 order by subscriber").setParameter(1, department.name());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new SubscriberView(Department.valueOf((String) r[0]), (String) r[1], (String) r[2],
                (String) r[3], ((Number) r[4]).longValue())).toList();
    }

    private Object[] digest(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select department, period_from, period_to, problem_ids, created_by, created_at "
                + "from problem_digest where id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("problem-digest", id);
        }
        return rows.get(0);
    }
}
