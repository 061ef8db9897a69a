package com.aftersales.cases;

import com.aftersales.shared.error.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The times a field engineer's device states, against the offline window and the allowed clock skew. */
class OfflineWindowTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 10, 12, 0, 0, 0, ZoneOffset.ofHours(8));
    static final OfflineWindow WINDOW = new OfflineWindow(Duration.ofDays(7), Duration.ofMinutes(5));

    @Test
    void timesWithinTheWindowAndTheSkewAreTakenAsGiven() {
        assertThat(WINDOW.check("occurredAt", NOW.minusDays(2), NOW)).isEmpty();
        assertThat(WINDOW.check("occurredAt", NOW.minusDays(7), NOW)).isEmpty();
        assertThat(WINDOW.check("occurredAt", NOW.plusMinutes(5), NOW)).isEmpty();
        // The same instant written with another offset is the same time.
        assertThat(WINDOW.check("occurredAt", NOW.plusMinutes(4).withOffsetSameInstant(ZoneOffset.UTC), NOW)).isEmpty();
    }

    @Test
    void aTimeAheadOfTheClockOrOlderThanTheWindowIsRefusedByItsField() {
        assertThat(WINDOW.check("occurredAt", NOW.plusMinutes(6), NOW)).get()
                .satisfies(i -> {
                    assertThat(i.field()).isEqualTo("occurredAt");
                    assertThat(i.key()).isEqualTo("cases.occurred_in_future");
                    assertThat(i.args()).containsExactly(5L);
                });
        assertThat(WINDOW.check("readings[2].occurredAt", NOW.minusDays(7).minusSeconds(1), NOW)).get()
                .satisfies(i -> {
                    assertThat(i.field()).isEqualTo("readings[2].occurredAt");
                    assertThat(i.key()).isEqualTo("cases.occurred_too_old");
                    assertThat(i.args()).containsExactly(7L);
                });
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> OfflineWindow.require(List.of(
                WINDOW.check("startedAt", NOW.minusDays(9), NOW).orElseThrow(),
                WINDOW.check("occurredAt", NOW.plusDays(1), NOW).orElseThrow())));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.issues()).extracting(ProblemException.Issue::field).containsExactly("startedAt", "occurredAt");
        OfflineWindow.require(List.of());
    }
}
