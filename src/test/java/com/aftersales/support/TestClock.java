package com.aftersales.support;

import com.aftersales.AftersalesConfig;
import io.quarkus.arc.Arc;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The business clock of every @QuarkusTest, in place of shared.time.BusinessClock: the system clock in aftersales.zone
 * until a test moves it ({@link #moveTo}, {@link #advance}); it runs on from where it was moved to. {@link ClockReset}
 * puts it back after every test, so a moved clock never reaches the next test or class (they share one application).
 * Tests read "today" and "now" here rather than from the JVM, in the zone the service uses.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    @Inject
    AftersalesConfig config;

    private volatile Duration offset = Duration.ZERO;

    private static TestClock bean() {
        return Arc.container().instance(TestClock.class).get();
    }

    /** "Today" of the business zone, as the service sees it now. */
    public static LocalDate today() {
        return LocalDate.now(bean());
    }

    /** "Now", as the service sees it, with the business zone's offset. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(bean());
    }

    /** From now on the service's clock reads {@code instant}, and runs on from there. */
    public static void moveTo(Instant instant) {
        bean().offset = Duration.between(Instant.now(), instant);
    }

    /** Moves the clock to a local time of the business zone. */
    public static void moveTo(LocalDateTime businessTime) {
        moveTo(businessTime.atZone(bean().getZone()).toInstant());
    }

    /** Moves the clock on (or back, for a negative duration) from where it is. */
    public static void advance(Duration duration) {
        TestClock clock = bean();
        clock.offset = clock.offset.plus(duration);
    }

    /** Back to the system clock. */
    public static void reset() {
        bean().offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return config.zone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock moved = this;
        // A view that follows later moves of this clock, as the service may keep the clock it derives.
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moved.withZone(other);
            }

            @Override
            public Instant instant() {
                return moved.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
