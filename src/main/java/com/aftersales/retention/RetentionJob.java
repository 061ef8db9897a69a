package com.aftersales.retention;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Monthly: removes personal data from every unit past retention and not held, and from its fully expired cases. */
@ApplicationScoped
public class RetentionJob implements Job {

    @Inject
    Retention retention;

    @ConfigProperty(name = "aftersales.zone")
    ZoneId zone;

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public Result run(OffsetDateTime now) {
        Retention.Purge purge = retention.purge(now.atZoneSameInstant(zone).toLocalDate(), "retention-job");
        return new Result(purge.units() + purge.cases(), purge.units() + purge.cases(), 0, 0);
    }
}
