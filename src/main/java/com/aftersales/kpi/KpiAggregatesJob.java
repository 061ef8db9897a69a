package com.aftersales.kpi;

import com.aftersales.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.OffsetDateTime;

/** Hourly: recomputes the dashboard's monthly aggregates of the recent months (every month once a week). */
@ApplicationScoped
public class KpiAggregatesJob implements Job {

    @Inject
    KpiAggregates aggregates;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "kpi-aggregates";
    }

    /** found and created: the aggregate rows written (month × customer × product line × model, both grains). */
    @Override
    public Result run(OffsetDateTime now) {
        KpiAggregates.Refresh refresh = aggregates.refresh(now, clock.getZone());
        return new Result(refresh.rows(), refresh.rows(), 0, 0);
    }
}
