package com.aftersales.cases;

import com.aftersales.shared.error.ProblemException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The times a field engineer's device states for a visit's records (occurredAt) are taken as given when they lie
 * between {@code window} ago and {@code skew} ahead of the service's clock; a later one is a wrong clock, an earlier one
 * older than any offline spell the service accepts.
 */
record OfflineWindow(Duration window, Duration skew) {

    /** The refusal of one stated time, if it is outside the window. */
    Optional<ProblemException.Issue> check(String field, OffsetDateTime occurredAt, OffsetDateTime now) {
        if (occurredAt.isAfter(now.plus(skew))) {
            return Optional.of(ProblemException.Issue.of(field, "cases.occurred_in_future", skew.toMinutes()));
        }
        if (occurredAt.isBefore(now.minus(window))) {
            return Optional.of(ProblemException.Issue.of(field, "cases.occurred_too_old", window.toDays()));
        }
        return Optional.empty();
    }

    /**
     * A time as the database keeps it (UTC, microseconds), so that the answer to a submission and to its retry, read
     * back from the database, show the same times.
     */
    static OffsetDateTime stored(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** 422 naming every stated time outside the window, or nothing. */
    static void require(List<ProblemException.Issue> issues) {
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", List.copyOf(issues));
        }
    }
}
