package com.aftersales.jobs;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.observe.Emf;
import com.aftersales.shared.persistence.BulkReads;
import com.aftersales.shared.persistence.DatabaseErrors;
import com.aftersales.shared.persistence.SqlValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs jobs by name, each in its own transaction, and records every run with its result. A transient database failure
 * (connection cut by a restart, failover or proxy reset; a deadlock) is retried within the run after the pauses in
 * {@code aftersales.jobs.retry-delays}; jobs are idempotent, so a repeated attempt does nothing twice. Any other
 * failure, or the last attempt's, is recorded as FAILED and never throws out of the scheduler.
 */
@ApplicationScoped
public class JobRunner {

    public enum Trigger { SCHEDULER, ADMIN, EVENTBRIDGE }

    @RegisterForReflection
    public record Run(long id, String job, Trigger trigger, String actor, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                      Integer found, Integer created, Integer sent, Integer failed, String outcome, String error,
                      int attempts) {
    }

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Inject
    Instance<Job> jobs;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry metrics;

    @Inject
    Emf emf;

    @Inject
    Tracer tracer;

    public Map<String, Job> byName() {
        Map<String, Job> all = new TreeMap<>();
        jobs.forEach(j -> all.put(j.name(), j));
        return all;
    }

    static final AttributeKey<String> JOB = AttributeKey.stringKey("aftersales.job");
    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("aftersales.job.trigger");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("aftersales.job.outcome");

    public Run run(String name, Trigger trigger, String actor) {
        Job job = byName().get(name);
        if (job == null) {
            throw ProblemException.notFound("job", name);
        }
        // One span per run ("job <name>"; a child of the request's span when run from the admin API, a trace of its own
        // from the scheduler or EventBridge): its statements are its children.
        Span span = tracer.spanBuilder("job " + name).setAttribute(JOB, name).setAttribute(TRIGGER, trigger.name()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Run run = run(job, name, trigger, actor);
            span.setAttribute(OUTCOME, run.outcome());
            if (!"OK".equals(run.outcome())) {
                span.setStatus(StatusCode.ERROR);
            }
            return run;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(OUTCOME, "FAILED");
            throw e;
        } finally {
            span.end();
        }
    }

    private Run run(Job job, String name, Trigger trigger, String actor) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        long startNanos = System.nanoTime();
        long id;
        try {
            markAbandoned(name, started);
            id = inTransaction(name, attempt -> ((Number) em.createNativeQuery(
                            "insert into job_run (job, trigger, actor, started_at, outcome) values (?1, ?2, ?3, ?4, 'RUNNING') returning id")
                    .setParameter(1, name).setParameter(2, trigger.name()).setParameter(3, actor).setParameter(4, started)
                    .getSingleResult()).longValue());
        } catch (RuntimeException e) {
            // Not even recorded (the database stayed out of reach): still a failed run for the alarm.
            LOG.errorf(DatabaseErrors.loggable(e), "Job %s failed (run not recorded)", name);
            observe(name, "FAILED", System.nanoTime() - startNanos, null);
            throw e;
        }
        int[] attempts = {0};
        try {
            Job.Result result = inTransaction(name, attempt -> {
                attempts[0] = attempt;
                // A job is a few set-based statements over whole tables.
                BulkReads.configure(em, config.jobs().workMem(), config.db().statementTimeout().jobs());
                return job.run(started);
            });
            inTransaction(name, attempt -> em.createNativeQuery(
                            "update job_run set finished_at = ?7, found = ?2, created = ?3, sent = ?4, failed = ?5, "
                                    + "outcome = 'OK', attempts = ?6 where id = ?1")
                    .setParameter(1, id).setParameter(2, result.found()).setParameter(3, result.created())
                    .setParameter(4, result.sent()).setParameter(5, result.failed()).setParameter(6, attempts[0])
                    .setParameter(7, OffsetDateTime.now(clock)).executeUpdate());
            observe(name, "OK", System.nanoTime() - startNanos, result);
        } catch (RuntimeException e) {
            observe(name, "FAILED", System.nanoTime() - startNanos, null);
            // infra/modules/alarms counts this logger's ERROR lines for the job-failures alarm: only failed runs log at ERROR.
            LOG.errorf(DatabaseErrors.loggable(e), "Job %s failed (run %d, attempt %d)", name, id, attempts[0]);
            inTransaction(name, attempt -> em.createNativeQuery(
                            "update job_run set finished_at = ?4, outcome = 'FAILED', error = ?2, attempts = ?3 where id = ?1")
                    .setParameter(1, id).setParameter(2, DatabaseErrors.describe(e).orElse(String.valueOf(e.getMessage()))).setParameter(3, Math.max(1, attempts[0]))
                    .setParameter(4, OffsetDateTime.now(clock)).executeUpdate());
        }
        // This run's row, not the job's latest: runs of the same job may overlap.
        return runs(null, id, 1).get(0);
    }

    /**
     * The run's metrics: {@code aftersales.jobs.runs} (a timer by job and outcome) and {@code aftersales.jobs.items}
     * (found, created, sent, failed by job), and in Lambda one EMF line per run (JobRuns, JobFailures, Duration and
     * the counts, dimension Job).
     */
    private void observe(String job, String outcome, long nanos, Job.Result result) {
        Timer.builder("aftersales.jobs.runs").description("Job runs by job and outcome").tag("job", job).tag("outcome", outcome)
                .register(metrics).record(nanos, TimeUnit.NANOSECONDS);
        if (result != null) {
            metrics.counter("aftersales.jobs.items", "job", job, "count", "found").increment(result.found());
            metrics.counter("aftersales.jobs.items", "job", job, "count", "created").increment(result.created());
            metrics.counter("aftersales.jobs.items", "job", job, "count", "sent").increment(result.sent());
            metrics.counter("aftersales.jobs.items", "job", job, "count", "failed").increment(result.failed());
        }
        boolean failed = result == null;
        emf.emit(Map.of("Job", job), Map.of("outcome", outcome), Emf.Metric.count("JobRuns", 1),
                Emf.Metric.count("JobFailures", failed ? 1 : 0), Emf.Metric.millis("Duration", nanos / 1_000_000.0),
                Emf.Metric.count("Found", failed ? 0 : result.found()), Emf.Metric.count("Created", failed ? 0 : result.created()),
                Emf.Metric.count("Sent", failed ? 0 : result.sent()), Emf.Metric.count("Failed", failed ? 0 : result.failed()));
    }

    /**
     * Runs of this job that were started long ago and never finished: their process ended without a word (a function
     * timeout or crash). They are recorded as FAILED, and logged for the job-failures alarm, so the history tells the
     * truth.
     */
    private void markAbandoned(String name, OffsetDateTime now) {
        Duration abandonedAfter = config.jobs().abandonedAfter();
        @SuppressWarnings("unchecked")
        List<Number> abandoned = inTransaction(name, attempt -> em.createNativeQuery(
                        "update job_run set finished_at = ?2, outcome = 'FAILED', error = ?3 "
                                + "where job = ?1 and outcome = 'RUNNING' and started_at < ?4 returning id")
                .setParameter(1, name).setParameter(2, now)
                .setParameter(3, "abandoned: no result " + abandonedAfter.toMinutes() + " minutes after its start (timeout or crash)")
                .setParameter(4, now.minus(abandonedAfter)).getResultList());
        // infra/modules/alarms counts this logger's ERROR lines for the job-failures alarm: only failed runs log at ERROR.
        abandoned.forEach(run -> LOG.errorf("Job %s failed (run %d abandoned: no result after %s)", name, run.longValue(), abandonedAfter));
    }

    /**
     * Runs {@code step} (given its attempt number) in a transaction of its own, and again in a new one after each
     * retry delay while it fails transiently.
     */
    private <T> T inTransaction(String job, IntFunction<T> step) {
        for (int attempt = 1; ; attempt++) {
            int number = attempt;
            try {
                return QuarkusTransaction.requiringNew().call(() -> step.apply(number));
            } catch (RuntimeException e) {
                // Pauses before the second, third, … attempt after a transient database failure.
                List<Duration> retryDelays = config.jobs().retryDelays();
                if (attempt > retryDelays.size() || !DatabaseErrors.transientFailure(e)) {
                    throw e;
                }
                Duration pause = retryDelays.get(attempt - 1);
                LOG.warnf("Job %s: attempt %d met a transient database failure (%s); trying again in %d ms",
                        job, attempt, DatabaseErrors.describe(e).orElse(e.getClass().getName()), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public List<Run> runs(String job, int limit) {
        return runs(job, null, limit);
    }

    private List<Run> runs(String job, Long id, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, job, trigger, actor, started_at, finished_at, found, created, sent, "
                        + "failed, outcome, error, attempts from job_run where (cast(?1 as text) is null or job = ?1) "
                        + "and (cast(?2 as bigint) is null or id = ?2) order by id desc limit " + limit)
                .setParameter(1, job).setParameter(2, id).getResultList();
        return rows.stream().map(r -> new Run(((Number) r[0]).longValue(), (String) r[1], Trigger.valueOf((String) r[2]),
                (String) r[3], SqlValues.offsetDateTime(r[4]), SqlValues.offsetDateTime(r[5]), (Integer) r[6], (Integer) r[7],
                (Integer) r[8], (Integer) r[9], (String) r[10], (String) r[11], ((Number) r[12]).intValue())).toList();
    }
}
