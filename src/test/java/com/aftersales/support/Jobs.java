package com.aftersales.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Fires jobs through the admin API, as a retried or overlapping schedule would. */
public final class Jobs {

    private Jobs() {
    }

    /** Runs the job {@code times} times at once; every run must finish and succeed (200, outcome OK). */
    public static void fireConcurrently(String job, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    var r = as("ADMIN").post("/api/v1/admin/jobs/" + job + "/runs");
                    return r.statusCode() + " " + r.jsonPath().getString("outcome") + " " + r.jsonPath().getString("error");
                }));
            }
            long mark = ServerRequests.mark();
            start.countDown();
            for (Future<String> f : calls) {
                assertThat(f.get()).isEqualTo("200 OK null");
            }
            ServerRequests.proveOverlap(job + " fired " + times + " times at once", mark, "/api/v1/admin/jobs/" + job + "/runs");
        } finally {
            pool.shutdownNow();
        }
    }
}
