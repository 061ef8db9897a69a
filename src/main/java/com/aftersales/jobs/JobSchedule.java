package com.aftersales.jobs;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * In-process triggers for a long-running server (dev mode, a container). In AWS Lambda, EventBridge Scheduler
 * triggers the same jobs; in-process timers are never relied on there.
 */
@ApplicationScoped
public class JobSchedule {

    @Inject
    JobRunner runner;

    @Scheduled(identity = "warranty-expiry", cron = "{aftersales.jobs.warranty-expiry.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void warrantyExpiry() {
        runner.run("warranty-expiry", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "sla-breach", cron = "{aftersales.jobs.sla-breach.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void slaBreach() {
        runner.run("sla-breach", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "safety-stock", cron = "{aftersales.jobs.safety-stock.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void safetyStock() {
        runner.run("safety-stock", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "recall-reminder", cron = "{aftersales.jobs.recall-reminder.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recallReminder() {
        runner.run("recall-reminder", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "follow-up", cron = "{aftersales.jobs.follow-up.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void followUp() {
        runner.run("follow-up", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "eight-d-overdue", cron = "{aftersales.jobs.eight-d-overdue.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void eightDOverdue() {
        runner.run("eight-d-overdue", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "problem-digest", cron = "{aftersales.jobs.problem-digest.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void problemDigest() {
        runner.run("problem-digest", JobRunner.Trigger.SCHEDULER, "scheduler");
    }

    @Scheduled(identity = "notice-sender", cron = "{aftersales.jobs.notice-sender.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void noticeSender() {
        runner.run("notice-sender", JobRunner.Trigger.SCHEDULER, "scheduler");
    }
}
