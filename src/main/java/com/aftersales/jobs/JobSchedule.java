package com.aftersales.jobs;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.ZoneId;

/**
 * In-process triggers for a long-running server (dev mode, a container): every {@link Job} bean is scheduled with the
 * cron in {@code aftersales.jobs.<name>.cron} ("off" leaves it unscheduled), never overlapping itself. In AWS Lambda,
 * EventBridge Scheduler triggers the same jobs through {@link JobTriggerResource}; in-process timers are not relied on.
 */
@ApplicationScoped
public class JobSchedule {

    private static final Logger LOG = Logger.getLogger(JobSchedule.class);

    @Inject
    JobRunner runner;

    @Inject
    Scheduler scheduler;

    @Inject
    Config config;

    void schedule(@Observes StartupEvent event) {
        if (!config.getOptionalValue("aftersales.jobs.in-process", Boolean.class).orElse(true)) {
            return; // AWS Lambda: EventBridge Scheduler triggers the jobs
        }
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        for (String name : runner.byName().keySet()) {
            String cron = config.getOptionalValue("aftersales.jobs." + name + ".cron", String.class).orElse("off");
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
