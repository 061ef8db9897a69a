package com.aftersales.cases;

import com.aftersales.support.ServerRequests;
import org.junit.jupiter.api.Tag;
import com.aftersales.support.CaseBodies;
import com.aftersales.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty people edit one case's action plan at the same moment, each with the version it read (If-Match). Exactly one
 * write wins per version and the others get 412; each loser re-reads and retries, and in the end every one of the 50
 * plans was applied exactly once, in order, none overwritten unseen.
 */
@QuarkusTest
class LostUpdateTest {

    private static final int EDITORS = 50;

    @Test
    @Tag("concurrency")
    void fiftyConcurrentEditsOneWinnerPerVersionNothingLost() throws Exception {
        String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
        String path = "/api/v1/cases/" + caseId;
        int v0 = version(as("SALES").get(path));
        ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
        try {
            // Round one: everybody writes against the same version.
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> first = new ArrayList<>();
            for (int i = 0; i < EDITORS; i++) {
                String plan = "方案 " + i;
                first.add(pool.submit(() -> {
                    start.await();
                    return put(path, v0, plan);
                }));
            }
            long mark = ServerRequests.mark();
            start.countDown();
            List<Integer> losers = new ArrayList<>();
            int winners = 0;
            for (int i = 0; i < EDITORS; i++) {
                Response r = first.get(i).get();
                if (r.statusCode() == 200) {
                    winners++;
                    assertThat(version(r)).isEqualTo(v0 + 1);
                } else {
                    assertThat(r.statusCode()).as(r.asString()).isEqualTo(412);
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    losers.add(i);
                }
            }
            ServerRequests.proveOverlap("50 If-Match edits of one version", mark, path);
            assertThat(winners).isEqualTo(1);
            assertThat(losers).hasSize(EDITORS - 1);

            // Then each loser does what a client should: read the current version, write again, until it wins.
            List<Future<Integer>> retries = new ArrayList<>();
            for (int i : losers) {
                retries.add(pool.submit(() -> {
                    for (int attempt = 1; ; attempt++) {
                        Response r = put(path, version(as("SALES").get(path)), "方案 " + i);
                        if (r.statusCode() == 200) {
                            return attempt;
                        }
                        assertThat(r.statusCode()).as(r.asString()).isEqualTo(412);
                        // Back off a little, with jitter, before reading again: what a well-behaved client does.
                        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(10, 10 + 20 * attempt));
                    }
                }));
            }
            int attempts = EDITORS;
            for (Future<Integer> f : retries) {
                attempts += f.get();
            }
            System.out.printf("[measure] lost updates: %d editors, %d writes tried, %d refused with 412%n", EDITORS, attempts,
                    attempts - EDITORS);
        } finally {
            pool.shutdownNow();
        }
        Response now = as("SALES").get(path);
        assertThat(version(now)).isEqualTo(v0 + EDITORS);
        // Every plan is in the timeline exactly once, and the case shows the last one written.
        List<String> plans = Sql.rows("select text, id from case_event where case_id = ?1 and kind = 'ACTION_PLAN' order by id",
                UUID.fromString(caseId)).stream().map(r -> (String) r[0]).toList();
        assertThat(plans).hasSize(EDITORS);
        assertThat(new TreeSet<>(plans)).hasSize(EDITORS);
        assertThat(now.jsonPath().getString("actionPlan")).isEqualTo(plans.get(plans.size() - 1));
    }

    private static Response put(String path, int version, String plan) {
        return as("AFTER_SALES_MANAGER").header("If-Match", "\"" + version + "\"").body(CaseBodies.actionPlan(plan))
                .put(path + "/action-plan");
    }

    private static int version(Response r) {
        return Integer.parseInt(r.header("ETag").replace("W/", "").replace("\"", ""));
    }
}
