package com.aftersales.jobs;

import com.aftersales.shared.lambda.LambdaFunction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/**
 * The jobs function ({@code QUARKUS_LAMBDA_HANDLER=jobs}, a timeout sized for jobs): EventBridge Scheduler invokes it
 * with {@code {"job":"<name>"}}. A run that does not end OK, or an unknown job, fails the invocation, so the schedule's
 * retry policy and dead-letter queue see it; a retry runs the job again, which does each due item once (jobs are
 * idempotent).
 */
@ApplicationScoped
@Named("jobs")
public class JobsFunction implements LambdaFunction {

    static final String ACTOR = "eventbridge-scheduler";

    @Inject
    JobRunner runner;

    /** An invocation is no HTTP request: its reads outside the runner's transactions need a request context of their own. */
    @Override
    @ActivateRequestContext
    public JobRunner.Run handle(Map<String, Object> input) {
        if (!(input.get("job") instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException("the jobs function takes {\"job\":\"<name>\"}, not " + input);
        }
        if (!runner.byName().containsKey(name)) {
            throw new IllegalArgumentException("no job is named " + name + "; the jobs are " + runner.byName().keySet());
        }
        JobRunner.Run run = runner.run(name, JobRunner.Trigger.EVENTBRIDGE, ACTOR);
        if (!"OK".equals(run.outcome())) {
            throw new JobFailedException(run);
        }
        return run;
    }

    /** A run that ended FAILED; its message names the run, as the job-failures alarm's log line does. */
    public static final class JobFailedException extends RuntimeException {

        JobFailedException(JobRunner.Run run) {
            super("Job " + run.job() + " failed (run " + run.id() + ", " + run.attempts() + " attempts): " + run.error(), null,
                    false, false);
        }
    }
}
