package com.aftersales.support;

import java.util.Collection;

import static com.aftersales.support.Api.as;

/**
 * What the database-outage tests share (DatabaseOutageTest through the Lambda event path, PackagedJvmScaleOutIT across
 * function processes): the clients' attempted registrations and the waits around the outage.
 */
public final class Outage {

    private Outage() {
    }

    /** One attempted registration: its code, what the client got back and when (System.nanoTime). */
    public record Attempt(String code, int status, String contentType, String retryAfter, long at) {
    }

    /** Waits (up to 60 s, at least 1.5 s) until a registration completed after {@code since} was acknowledged. */
    public static void awaitAcknowledged(Collection<Attempt> attempts, long since) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Thread.sleep(1500);
        while (attempts.stream().noneMatch(a -> a.status() == 201 && a.at() > since) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Milliseconds from {@code down} to the last registration acknowledged before {@code restarted} (negative: before it). */
    public static long lastAcknowledgedBefore(Collection<Attempt> attempts, long restarted, long down) {
        return (attempts.stream().filter(a -> a.status() == 201 && a.at() < restarted).mapToLong(Attempt::at).max()
                .orElse(down) - down) / 1_000_000;
    }

    /** When (System.nanoTime) a read was answered 200 again, polling for up to 60 s; 0 if it never was. */
    public static long awaitServedAgain() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (as("SALES").get("/api/v1/customers?limit=1").statusCode() == 200) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        return 0;
    }
}
