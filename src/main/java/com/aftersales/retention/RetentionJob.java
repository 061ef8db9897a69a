package com.aftersales.retention;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;

/** Monthly: removes personal data from every unit past retention and not held, and from its fully expired cases. */
@ApplicationScoped
public class RetentionJob implements Job {

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public Result run(OffsetDateTime now) {
        Retention.Purge purge = retention.purge(now.atZoneSameInstant(clock.getZone()).toLocalDate(), "retention-job");
        return new Result(purge.units() + purge.cases(), purge.units() + purge.cases(), 0, 0);
    }
}
