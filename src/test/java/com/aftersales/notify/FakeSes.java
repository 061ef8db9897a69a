package com.aftersales.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local endpoint speaking enough of the SESv2 REST API for SendEmail ({@code POST /v2/email/outbound-emails}), as
 * {@code aftersales.mail.ses.endpoint}. It accepts every message except to addresses starting {@code rejected-} (400
 * MessageRejected, as for an unverified address in the SES sandbox) or {@code unavailable-} (503), and keeps each request.
 */
public class FakeSes implements QuarkusTestResourceLifecycleManager {

    /** One SendEmail call as it arrived: the signature header and the JSON body read as UTF-8. */
    record Call(String method, String path, String authorization, String contentType, JsonNode body) {
        String to() {
            return body.path("Destination").path("ToAddresses").path(0).asText();
        }
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = localServer(exchange -> {
            Call call;
            try (InputStream in = exchange.getRequestBody()) {
                call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                        JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            CALLS.add(call);
            int status;
            String answer;
            if (!call.method().equals("POST") || !call.path().equals("/v2/email/outbound-emails")) {
                status = 404;
                answer = "{\"message\":\"no such operation\"}";
            } else if (call.to().startsWith("rejected-")) {
                status = 400;
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "MessageRejected");
                answer = "{\"message\":\"Email address is not verified. The following identities failed the check: " + call.to() + "\"}";
            } else if (call.to().startsWith("unavailable-")) {
                status = 503;
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ServiceUnavailableException");
                answer = "{\"message\":\"Service is unavailable\"}";
            } else {
                status = 200;
                answer = "{\"MessageId\":\"" + UUID.randomUUID() + "\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        return Map.of("aftersales.mail.transport", "ses",
                "aftersales.mail.ses.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        stop(server);
    }

    /**
     * A started local server answering every path with the handler, and what Lambda gives the function: its region
     * and the execution role's credentials (read by the SDK's chains). Shared with {@link FakeCognito}.
     */
    static HttpServer localServer(com.sun.net.httpserver.HttpHandler handler) {
        HttpServer started;
        try {
            started = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        started.createContext("/", handler);
        started.start();
        System.setProperty("aws.region", "ap-southeast-1");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        return started;
    }

    static void stop(HttpServer server) {
        if (server != null) {
            server.stop(0);
        }
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
