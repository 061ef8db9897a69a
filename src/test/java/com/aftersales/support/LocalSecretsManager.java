package com.aftersales.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Enough of AWS Secrets Manager's JSON protocol for the SDK's GetSecretValue: POST / with
 * {@code X-Amz-Target: secretsmanager.GetSecretValue} and {@code {"SecretId": ...}}. A secret stored without a value
 * answers as AWS does for a secret whose value was never set (ResourceNotFoundException). Point the SDK at it with
 * AWS_ENDPOINT_URL_SECRETS_MANAGER (or the system property aws.endpointUrlSecretsManager).
 */
public final class LocalSecretsManager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    public LocalSecretsManager() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Stores a secret's current value; null: the secret exists without a value. Returns its ARN. */
    public String put(String name, String value) {
        String arn = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:" + name + "-AbCdEf";
        values.put(arn, value == null ? "" : value);
        return arn;
    }

    /** The SecretIds asked for, in order. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            var request = JSON.readTree(exchange.getRequestBody());
            String id = request.path("SecretId").asText();
            requested.add(id);
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                send(exchange, 400, error("InvalidRequestException", "not supported here: " + target));
            } else if (!values.containsKey(id) || values.get(id).isEmpty()) {
                send(exchange, 400, error("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"));
            } else {
                ObjectNode body = JSON.createObjectNode().put("ARN", id).put("Name", id.substring(id.lastIndexOf(':') + 1))
                        .put("VersionId", "00000000-0000-0000-0000-000000000001").put("SecretString", values.get(id))
                        .put("CreatedDate", 1.7e9);
                body.putArray("VersionStages").add("AWSCURRENT");
                send(exchange, 200, body);
            }
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", body.path("__type").asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
