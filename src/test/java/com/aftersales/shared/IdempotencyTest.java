package com.aftersales.shared;

import java.util.concurrent.CountDownLatch;
import com.aftersales.support.ServerRequests;
import org.junit.jupiter.api.Tag;
import com.aftersales.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.CustomerBodies.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class IdempotencyTest {

    @Test
    void aRetryReturnsTheStoredResponseWithoutASecondEffect() {
        String code = Api.unique("idem");
        String body = customer(code).name("重试客户").type("FLEET").json();
        String key = Api.unique("key");
        Response first = as("SALES").header("Idempotency-Key", key).body(body).post("/api/v1/customers");
        first.then().statusCode(201);
        Response again = as("SALES").header("Idempotency-Key", key).body(body).post("/api/v1/customers");
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"));
        assertThat(again.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(again.asString()).isEqualTo(first.asString());
        as("SALES").queryParam("q", code).get("/api/v1/customers").then().body("items", hasSize(1));

        // Same key, other body: 422, and nothing is created.
        as("SALES").header("Idempotency-Key", key).body(customer(code).name("别的客户").type("FLEET").json()).post("/api/v1/customers")
                .then().statusCode(422).body("type", equalTo("urn:problem:aftersales:idempotency_key_reused"));
        // Keys are per caller: another caller's same key is a new request (here: a code conflict, not a replay).
        as("SALES_MANAGER").header("Idempotency-Key", key).body(body).post("/api/v1/customers").then().statusCode(409);
    }

    @Test
    void aFailedRequestDoesNotBurnTheKey() {
        String key = Api.unique("key");
        as("SALES").header("Idempotency-Key", key).body(customer("x").name("n").json())
                .post("/api/v1/customers").then().statusCode(422);
        as("SALES").header("Idempotency-Key", key).body(customer("x").name("n").json())
                .post("/api/v1/customers").then().statusCode(422);
        as("SALES").header("Idempotency-Key", "bad key with spaces").body("{}").post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    @Tag("concurrency")
    void concurrentDuplicatesHaveOneEffectAndIdenticalResponses() throws Exception {
        String code = Api.unique("conc");
        String body = customer(code).name("并发客户").type("DEALER").json();
        String key = Api.unique("key");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return as("SALES").header("Idempotency-Key", key).body(body).post("/api/v1/customers");
                }));
            }
            long mark = ServerRequests.mark();
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<Response> call : calls) {
                Response r = call.get();
                assertThat(r.statusCode()).isEqualTo(201);
                bodies.add(r.asString());
            }
            assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
            ServerRequests.proveOverlap("10 duplicates of one registration", mark, "/api/v1/customers");
        } finally {
            pool.shutdownNow();
        }
        as("SALES").queryParam("q", code).get("/api/v1/customers").then().body("items", hasSize(1));
    }
}
