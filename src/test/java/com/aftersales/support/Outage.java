package com.aftersales.support;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.aftersales.support.Api.as;

/**
 * What the database-outage tests share (DatabaseOutageTest through the Lambda event path, PackagedJvmScaleOutIT across
 * function processes): the writing clients, their attempted registrations and the waits around the outage.
 */
public final class Outage {

    private Outage() {
    }

    /** One attempted registration: its code and Idempotency-Key, what the client got back and when (System.nanoTime). */
    public record Attempt(String code, String key, int status, String contentType, String retryAfter, long at) {

        /** The client's retry: the same registration under the same Idempotency-Key. */
        public Response retry() {
            return register(code, key);
        }
    }

    private static Response register(String code, String key) {
        return as("SALES").header("Idempotency-Key", key)
                .body(CustomerBodies.customer(code).name("断电客户").type("FLEET").json()).post("/api/v1/customers");
    }

    /**
     * Clients registering customers in a loop (each with its own Idempotency-Key), recording every attempt, until closed;
     * closing waits for each client's last request.
     */
    public static final class Writers implements AutoCloseable {
        private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool;
        private final List<Future<?>> clients = new ArrayList<>();

        private Writers(int count) {
            pool = Executors.newFixedThreadPool(count);
            for (int i = 0; i < count; i++) {
                clients.add(pool.submit(() -> {
                    while (running.get()) {
                        String code = Api.unique("outage");
                        String key = UUID.randomUUID().toString();
                        Response r = register(code, key);
                        attempts.add(new Attempt(code, key, r.statusCode(), r.contentType(), r.header("Retry-After"), System.nanoTime()));
                    }
                    return null;
                }));
            }
        }

        public Collection<Attempt> attempts() {
            return attempts;
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            try {
                for (Future<?> c : clients) {
                    c.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@code count} writing clients, started now. */
    public static Writers startWriters(int count) {
        return new Writers(count);
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
