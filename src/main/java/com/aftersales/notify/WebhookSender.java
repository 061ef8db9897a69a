package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts one delivery to a webhook endpoint in its format, signed:
 * <ul>
 *   <li>GENERIC: JSON {@code {id, noticeId, kind, subject, body, payload, createdAt}} with headers
 *   {@code X-Aftersales-Delivery} (the stable delivery id, for the receiver to drop a repeat),
 *   {@code X-Aftersales-Timestamp} (epoch seconds) and {@code X-Aftersales-Signature: sha256=<hex HMAC-SHA256 of
 *   "timestamp.body" with the secret>}.</li>
 *   <li>WECOM (企业微信群机器人): text message; the key in the URL authenticates.</li>
 *   <li>DINGTALK (钉钉自定义机器人): text message; with a secret, {@code timestamp} and {@code sign} (Base64 HMAC-SHA256 of
 *   "timestamp\nsecret") are added to the URL.</li>
 *   <li>FEISHU (飞书自定义机器人): text message; with a secret, {@code timestamp} and {@code sign} (Base64 HMAC-SHA256
 *   keyed by "timestamp\nsecret") are in the body.</li>
 * </ul>
 * A non-2xx status (a redirect too: redirects are never followed), or a robot's non-zero error code in a 200 answer, is
 * a failure for the caller to retry. The target's addresses are checked before every delivery ({@link WebhookTargets});
 * at most 64 KB of the answer is read, and the whole exchange has one deadline ({@code aftersales.webhooks.timeout}).
 */
@ApplicationScoped
public class WebhookSender {

    public record Message(UUID deliveryId, UUID noticeId, String kind, String subject, String body, String payloadJson,
                          OffsetDateTime createdAt) {
    }

    @Inject
    ObjectMapper json;

    @Inject
    AftersalesConfig config;

    @Inject
    WebhookTargets targets;

    /** The most of an answer that is read (a robot's {"errcode":0} is tiny). */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private volatile HttpClient client;

    public void send(String format, String url, String secret, Message m, long nowMillis) {
        try {
            HttpRequest.Builder request;
            String body;
            long seconds = nowMillis / 1000;
            switch (format) {
                case "GENERIC" -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("id", m.deliveryId().toString());
                    o.put("noticeId", m.noticeId().toString());
                    o.put("kind", m.kind());
                    o.put("subject", m.subject());
                    o.put("body", m.body());
                    o.set("payload", json.readTree(m.payloadJson()));
                    o.put("createdAt", m.createdAt().toString());
                    body = json.writeValueAsString(o);
                    request = HttpRequest.newBuilder(URI.create(url))
                            .header("X-Aftersales-Delivery", m.deliveryId().toString())
                            .header("X-Aftersales-Timestamp", Long.toString(seconds))
                            .header("X-Aftersales-Signature", "sha256=" + HexFormat.of().formatHex(
                                    hmac(secret, seconds + "." + body)));
                }
                case "WECOM" -> {
                    body = json.writeValueAsString(textMessage(m, "msgtype", "text", "content"));
                    request = HttpRequest.newBuilder(URI.create(url));
                }
                case "DINGTALK" -> {
                    body = json.writeValueAsString(textMessage(m, "msgtype", "text", "content"));
                    String signed = url;
                    if (secret != null) {
                        String sign = Base64.getEncoder().encodeToString(hmac(secret, nowMillis + "\n" + secret));
                        signed += (url.contains("?") ? "&" : "?") + "timestamp=" + nowMillis + "&sign="
                                + URLEncoder.encode(sign, StandardCharsets.UTF_8);
                    }
                    request = HttpRequest.newBuilder(URI.create(signed));
                }
                case "FEISHU" -> {
                    ObjectNode o = textMessage(m, "msg_type", "content", "text");
                    if (secret != null) {
                        o.put("timestamp", Long.toString(seconds));
                        o.put("sign", Base64.getEncoder().encodeToString(hmac(seconds + "\n" + secret, "")));
                    }
                    body = json.writeValueAsString(o);
                    request = HttpRequest.newBuilder(URI.create(url));
                }
                default -> throw new IllegalStateException("unknown webhook format " + format);
            }
            // Checked again at every delivery: the host's DNS may point somewhere else since the endpoint was saved.
            try {
                targets.check(URI.create(url));
            } catch (WebhookTargets.Refused refused) {
                throw new IllegalStateException("webhook target refused: " + refused.getMessage());
            }
            Duration deadline = config.webhooks().timeout();
            CompletableFuture<HttpResponse<byte[]>> pending = client().sendAsync(request.timeout(deadline)
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header("User-Agent", "aftersales-notices")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    info -> new CappedBody(MAX_ANSWER_BYTES));
            HttpResponse<byte[]> response;
            try {
                // One deadline for all of it: connecting, sending, the status line and the (capped) body.
                response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                throw new IllegalStateException("webhook did not answer within " + deadline.toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("webhook unreachable: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
            }
            robotError(format, new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("webhook unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Keeps at most {@code limit} bytes of an answer: past them it stops reading (cancels the stream) and completes
     * with what it has, so an endless or huge answer costs neither memory nor time.
     */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                result.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }

    /** WeCom and DingTalk answer {"errcode":0,…}, Feishu {"code":0,…}; anything else non-zero is a failure. */
    private void robotError(String format, String responseBody) {
        if ("GENERIC".equals(format) || responseBody == null || responseBody.isBlank()) {
            return;
        }
        try {
            JsonNode answer = json.readTree(responseBody);
            JsonNode code = answer.has("errcode") ? answer.get("errcode") : answer.get("code");
            if (code != null && code.asInt(0) != 0) {
                throw new IllegalStateException("robot refused the message: " + responseBody);
            }
        } catch (IOException e) {
            // Not JSON: the 2xx status is what we have.
        }
    }

    private ObjectNode textMessage(Message m, String typeField, String containerField, String textField) {
        ObjectNode o = json.createObjectNode();
        o.put(typeField, "text");
        o.putObject(containerField).put(textField, m.subject() + "\n" + m.body());
        return o;
    }

    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }
}
