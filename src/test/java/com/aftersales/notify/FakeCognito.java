package com.aftersales.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local endpoint speaking enough of the Cognito user-pool API (JSON 1.1) for {@link UserDirectory}: ListUsers with a
 * {@code sub = "…"} filter and AdminListGroupsForUser, answered from {@link #USERS}, which a test changes as an admin
 * would change the pool (groups, disabling, deleting).
 */
public class FakeCognito implements QuarkusTestResourceLifecycleManager {

    record User(String username, boolean enabled, Set<String> groups, String customerId) {
    }

    /** By subject. */
    static final Map<String, User> USERS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB = Pattern.compile("sub = \"([^\"]*)\"");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = FakeSes.localServer(exchange -> {
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            ObjectNode answer = JSON.createObjectNode();
            int status = 200;
            if (target.endsWith(".ListUsers")) {
                ArrayNode users = answer.putArray("Users");
                Matcher m = SUB.matcher(request.path("Filter").asText());
                User user = m.matches() ? USERS.get(m.group(1)) : null;
                if (user != null) {
                    ObjectNode u = users.addObject();
                    u.put("Username", user.username());
                    u.put("Enabled", user.enabled());
                    u.put("UserStatus", "CONFIRMED");
                    ArrayNode attributes = u.putArray("Attributes");
                    attributes.addObject().put("Name", "sub").put("Value", m.group(1));
                    if (user.customerId() != null) {
                        attributes.addObject().put("Name", "customer_id").put("Value", user.customerId());
                    }
                }
            } else if (target.endsWith(".AdminListGroupsForUser")) {
                String username = request.path("Username").asText();
                User user = USERS.values().stream().filter(u -> u.username().equals(username)).findFirst().orElse(null);
                if (user == null) {
                    status = 400;
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "UserNotFoundException");
                    answer.put("__type", "UserNotFoundException").put("message", "User does not exist.");
                } else {
                    ArrayNode groups = answer.putArray("Groups");
                    user.groups().forEach(g -> groups.addObject().put("GroupName", g).put("UserPoolId", "pool"));
                }
            } else {
                status = 400;
                answer.put("__type", "UnknownOperationException");
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return Map.of("aftersales.notices.directory", "cognito",
                "aftersales.notices.user-pool-id", "ap-southeast-1_TEST",
                "aftersales.notices.cognito-endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "aftersales.notices.directory-max-age", "PT0S");
    }

    @Override
    public void stop() {
        FakeSes.stop(server);
    }
}
