package com.aftersales.shared.time;

import com.aftersales.AftersalesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of "now" and "today": the system clock in the business zone ({@code aftersales.zone}). Services take
 * {@code LocalDate.now(clock)} and {@code OffsetDateTime.now(clock)} from it and hand both, and the zone, to SQL as
 * parameters, so tests move time by moving this clock (src/test: TestClock) instead of rewriting rows.
 */
@ApplicationScoped
public class BusinessClock {

    // Singleton: java.time.Clock is a JDK class, not worth a client proxy; the zone is fixed at start.
    @Produces
    @Singleton
    Clock clock(AftersalesConfig config) {
        return Clock.system(config.zone());
    }
}
