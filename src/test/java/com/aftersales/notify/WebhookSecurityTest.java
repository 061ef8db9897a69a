package com.aftersales.notify;

import com.aftersales.cases.CaseTestData;
import com.aftersales.support.Api;
import com.aftersales.support.Sql;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.NotifyBodies.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 22, webhooks: targets that resolve to internal addresses are refused (on save, and again before each delivery
 * in {@link WebhookAllowListOffTest}), an answer is read only up to 64 KB under one deadline, and the robot URL and
 * secret are sealed at rest and shown redacted in views and the audit trail. The test profile admits 127.0.0.1/32
 * only, for the local receivers.
 */
@QuarkusTest
class WebhookSecurityTest {

    @Test
    void internalTargetsAreRefusedOnSaveInTheCallersLanguageAndNothingIsStored() {
        String name = Api.unique("内网");
        for (String url : List.of("http://127.0.0.2:8080/hook", "http://10.1.2.3/hook", "http://172.16.5.4/hook",
                "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/hook",
                "http://0.0.0.0/hook", "http://224.0.0.1/hook", "http://[::1]/hook", "http://[fd00::1]/hook",
                "http://[fe80::1]/hook", "http://[ff02::1]/hook", "http://[::]/hook", "http://[::ffff:127.0.0.2]/hook",
                "http://[::ffff:10.0.0.1]/hook", "http://[64:ff9b::a9fe:a9fe]/hook", "http://[2002:a00:1::]/hook")) {
            as("ADMIN").header("Accept-Language", "en").body(webhook(name, url, "WECOM").role("SALES").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(422)
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("resolves to an internal address"));
        }
        as("ADMIN").body(webhook(name, "https://[fc00::5]/hook?key=abc", "WECOM").role("SALES").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422)
                .body("errors[0].message", containsString("解析到内部地址"));
        as("ADMIN").header("Accept-Language", "en").body(webhook(name, "https://no-such-robot.invalid/hook", "WECOM").role("SALES").json())
                .post("/api/v1/admin/webhooks").then().statusCode(422)
                .body("errors[0].message", equalTo("the webhook host no-such-robot.invalid cannot be resolved"));
        assertThat(Sql.count("select count(*) from webhook_endpoint where name = ?1", name)).isZero();
    }

    @Test
    void robotCredentialsAreSealedAtRestAndShownRedactedButDelivered() throws Exception {
        String key = "WECOMKEY" + UUID.randomUUID().toString().replace("-", "");
        String hookId = UUID.randomUUID().toString();
        String secret = "feishu-secret-" + UUID.randomUUID();
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            String wecom = as("ADMIN").body(webhook(Api.unique("企业微信群"), receiver.url("/cgi-bin/webhook/send?key=" + key), "WECOM")
                            .kind("CASE_ROUTED").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(201)
                    .body("url", equalTo(receiver.url("/cgi-bin/webhook/send?key=****"))).extract().path("id");
            String feishu = as("ADMIN").body(webhook(Api.unique("飞书群"), receiver.url("/open-apis/bot/v2/hook/" + hookId), "FEISHU")
                            .secret(secret).kind("CASE_ROUTED").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(201)
                    .body("url", equalTo(receiver.url("/open-apis/bot/v2/hook/" + hookId.substring(0, 4) + "****")))
                    .body("signed", equalTo(true)).extract().path("id");
            try {
                as("ADMIN").get("/api/v1/admin/webhooks").then().statusCode(200)
                        .body("find { it.id == '" + wecom + "' }.url", not(containsString(key)))
                        .body("find { it.id == '" + feishu + "' }.url", not(containsString(hookId)));
                // At rest: neither the table nor the audit trail holds the key, the hook id or the secret in clear.
                for (String clear : List.of(key, hookId, secret)) {
                    assertThat(Sql.count("select count(*) from webhook_endpoint w where cast(row_to_json(w) as text) like ?1",
                            "%" + clear + "%")).isZero();
                    assertThat(Sql.count("select count(*) from audit_log where entity_type = 'webhook-endpoint' and "
                            + "coalesce(cast(before_state as text), '') || coalesce(cast(after_state as text), '') like ?1",
                            "%" + clear + "%")).isZero();
                }
                assertThat(Sql.text("select url_sealed from webhook_endpoint where id = cast(?1 as uuid)", wecom)).startsWith("v1:");
                // The delivery opens them: the robot gets its key and the Feishu signature uses the secret.
                String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
                String caseNo = as("SALES").get("/api/v1/cases/" + caseId).then().extract().path("caseNo");
                as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                List<WebhookReceiver.Received> got = receiver.containing(caseNo);
                assertThat(got).extracting(WebhookReceiver.Received::pathAndQuery)
                        .containsExactlyInAnyOrder("/cgi-bin/webhook/send?key=" + key, "/open-apis/bot/v2/hook/" + hookId);
                WebhookReceiver.Received signed = got.stream().filter(r -> r.pathAndQuery().contains(hookId)).findFirst().orElseThrow();
                String timestamp = new io.restassured.path.json.JsonPath(signed.body()).getString("timestamp");
                assertThat(new io.restassured.path.json.JsonPath(signed.body()).getString("sign")).isEqualTo(
                        java.util.Base64.getEncoder().encodeToString(NoticeSenderTest.hmac(timestamp + "\n" + secret, "")));
            } finally {
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + wecom).then().statusCode(204);
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + feishu).then().statusCode(204);
            }
            for (String clear : List.of(key, hookId, secret)) {
                assertThat(Sql.count("select count(*) from audit_log where entity_type = 'webhook-endpoint' and "
                        + "coalesce(cast(before_state as text), '') || coalesce(cast(after_state as text), '') like ?1",
                        "%" + clear + "%")).isZero();
            }
        }
    }

    @Test
    void endpointsSavedInClearBeforeSealingAreSealedByTheSender() {
        String id = UUID.randomUUID().toString();
        String token = "DINGTOKEN" + UUID.randomUUID().toString().replace("-", "");
        Sql.exec("insert into webhook_endpoint (id, name, url, format, secret, roles, kinds, active, created_by) "
                + "values (cast(?1 as uuid), ?2, ?3, 'DINGTALK', 'SEClegacy', '{}', '{NO_SUCH_KIND}', false, 'admin')",
                id, Api.unique("旧钉钉群"), "https://oapi.dingtalk.com/robot/send?access_token=" + token);
        as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
        assertThat(Sql.text("select url || ' ' || (secret is null) || ' ' || left(url_sealed, 3) || ' ' || left(secret_sealed, 3) "
                + "from webhook_endpoint where id = cast(?1 as uuid)", id))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=**** true v1: v1:");
    }

    @Test
    void anEndlessAnswerIsReadOnlyTo64KbAndASlowOneStopsAtTheDeadline() throws Exception {
        // Notices of other tests' cases still waiting would go to the slow receiver too, 5 s each: send them first.
        as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
        try (Streaming endless = new Streaming(false); Streaming slow = new Streaming(true)) {
            String fast = as("ADMIN").body(webhook(Api.unique("无尽应答"), endless.url(), "WECOM").kind("CASE_ROUTED").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
            String trickle = as("ADMIN").body(webhook(Api.unique("慢应答"), slow.url(), "WECOM").kind("CASE_ROUTED").json())
                    .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
            try {
                String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
                long started = System.nanoTime();
                // Without the cap and the one deadline, the run would read for ever.
                assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                        as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
                String state = "select d.status || ' ' || coalesce(d.last_error, '') from notice_delivery d join notice n "
                        + "on n.id = d.notice_id where d.address = ?1 and n.payload ->> 'caseId' = ?2";
                assertThat(Sql.text(state, fast, caseId)).isEqualTo("SENT ");
                assertThat(endless.written).isGreaterThanOrEqualTo(64 * 1024);
                assertThat(Sql.text(state, trickle, caseId)).isEqualTo("PENDING webhook did not answer within 5 s");
            } finally {
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + fast).then().statusCode(204);
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + trickle).then().statusCode(204);
            }
        }
    }

    @Test
    void aRedirectIsAFailedDeliveryAndIsNotFollowed() throws Exception {
        try (WebhookReceiver target = new WebhookReceiver(200)) {
            HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            redirecting.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", target.url("/internal"));
                exchange.sendResponseHeaders(307, -1);
                exchange.close();
            });
            redirecting.start();
            String hook = as("ADMIN").body(webhook(Api.unique("跳转"), "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook",
                    "WECOM").kind("CASE_ROUTED").json()).post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
            try {
                String caseId = CaseTestData.openCase(CaseTestData.world("COMMERCIAL_VEHICLE"));
                as("ADMIN").post("/api/v1/admin/jobs/notice-sender/runs").then().statusCode(200);
                assertThat(Sql.text("select d.status || ' ' || d.last_error from notice_delivery d join notice n on n.id = d.notice_id "
                        + "where d.address = ?1 and n.payload ->> 'caseId' = ?2", hook, caseId))
                        .isEqualTo("PENDING webhook answered HTTP 307");
                assertThat(target.received).isEmpty();
            } finally {
                as("ADMIN").header("If-Match", "\"0\"").delete("/api/v1/admin/webhooks/" + hook).then().statusCode(204);
                redirecting.stop(0);
            }
        }
    }

    /** Answers 200 with a body that never ends: as fast as it can, or a byte every 200 ms. */
    static final class Streaming implements AutoCloseable {
        final HttpServer server;
        volatile long written;

        Streaming(boolean slow) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.readAllBytes();
                    exchange.sendResponseHeaders(200, 0);
                    byte[] chunk = (slow ? " " : "{\"errcode\":0,\"pad\":\"" + "x".repeat(8000)).getBytes(StandardCharsets.UTF_8);
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write(chunk);
                        out.flush();
                        written += chunk.length;
                        if (slow) {
                            Thread.sleep(200);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // The client stopped reading.
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot";
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
