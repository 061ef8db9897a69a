package com.aftersales.jobs;

import com.aftersales.AftersalesConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * In-process triggers for a long-running server (dev mode, a container): every {@link Job} bean is scheduled with the
 * cron in {@code aftersales.jobs.<name>.cron} ("off" leaves it unscheduled), never overlapping itself. In AWS Lambda,
 * EventBridge Scheduler invokes the jobs function ({@link JobsFunction}) instead; in-process timers are not relied on.
 */
@ApplicationScoped
public class JobSchedule {

    private static final Logger LOG = Logger.getLogger(JobSchedule.class);

    @Inject
    JobRunner runner;

    @Inject
    Scheduler scheduler;

    @Inject
    AftersalesConfig config;

    void schedule(@Observes StartupEvent event) {
        if (!config.jobs().inProcess()) {
            return; // AWS Lambda: EventBridge Scheduler invokes the jobs function
        }
        // Cron times are business hours: they follow aftersales.zone like every other "today".
        ZoneId zone = config.zone();
        Map<String, AftersalesConfig.Jobs.Schedule> schedules = config.jobs().byName();
        for (String name : runner.byName().keySet()) {
            String cron = Optional.ofNullable(schedules.get(name)).flatMap(AftersalesConfig.Jobs.Schedule::cron).orElse("off");
            if (cron.isBlank() || "off".equalsIgnoreCase(cron) || "disabled".equalsIgnoreCase(cron)) {
                continue;
            }
            scheduler.newJob(name)
                    .setCron(cron)
                    .setTimeZone(zone.getId())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> runner.run(name, JobRunner.Trigger.SCHEDULER, "scheduler"))
                    .schedule();
            LOG.debugf("Job %s scheduled: %s", name, cron);
        }
    }
}
