package com.aftersales.shared.ratelimit;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.error.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The per-caller limit on expensive reports (issue 22): at most aftersales.report-limit.per-caller reports per fixed
 * window (aftersales.report-limit.window) and caller, counted in the database so that every function instance shares
 * it. One statement in a transaction of its own (the count stays when the report then fails): it removes ended windows
 * and counts this call. Above the limit: 429 problem+json report_limit with Retry-After (seconds to the window's end).
 * A request refused as the client's error gives its report back ({@link #giveBack}).
 */
@ApplicationScoped
public class ReportQuota {

    @Inject
    EntityManager em;

    @Inject
    AftersalesConfig config;

    // Real time, not the business clock (shared.time), which tests move: the window is wall-clock time.
    Clock clock = Clock.systemUTC();

    /** One report taken from a caller's quota in a window. */
    public record Taken(String caller, OffsetDateTime windowStart) {
    }

    public Taken take(String caller) {
        long window = config.reportLimit().window().toSeconds();
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, window);
        OffsetDateTime windowStart = OffsetDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        int used = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        with ended as (delete from report_quota where window_start < ?2)
                        insert into report_quota (caller, window_start, used) values (?1, ?2, 1)
                        on conflict (caller, window_start) do update set used = report_quota.used + 1
                        returning used""")
                .setParameter(1, caller).setParameter(2, windowStart).getSingleResult()).intValue());
        int limit = config.reportLimit().perCaller();
        if (used > limit) {
            long retryAfter = Math.max(1, start + window - now);
            throw new ProblemException(429, "report_limit", limit, window / 60)
                    .header("Retry-After", String.valueOf(retryAfter));
        }
        return new Taken(caller, windowStart);
    }

    /** Returns a report the request did not run (refused as the client's error): the count is as before the request. */
    public void giveBack(Taken taken) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        with emptied as (delete from report_quota where caller = ?1 and window_start = ?2 and used <= 1)
                        update report_quota set used = used - 1 where caller = ?1 and window_start = ?2 and used > 1""")
                .setParameter(1, taken.caller()).setParameter(2, taken.windowStart()).executeUpdate());
    }
}
