package com.aftersales.shared;

import com.aftersales.shared.security.Roles;
import com.aftersales.support.Api;
import com.aftersales.support.ContractValidation;
import com.aftersales.support.OpenApiOperations;
import com.aftersales.support.OpenApiOperations.Operation;
import com.aftersales.support.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.LogConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed requests, generated from the OpenAPI document over every endpoint, each as a role that may
 * call it: wrong types, huge strings and arrays, deep JSON, bad UTF-8, injection fragments, bad paths and query
 * parameters, missing and wrong content types. None may answer 5xx, every error is problem+json, every malformed write
 * is refused, and afterwards every table is exactly as before.
 */
@QuarkusTest
class HostileInputTest {

    private static final List<String> FRAGMENTS = List.of(
            "'; drop table service_case; --", "\" or 1=1 --", "1' or '1'='1", "<script>alert(1)</script>",
            "${jndi:ldap://x/a}", "../../../../etc/passwd", "%00", "\u0000", "{{7*7}}", "😀\uD800", "ＳＥＬＥＣＴ");

    /** One generated request and whether it must be refused (a malformed write) or may be answered (a hostile read). */
    private record Attempt(String label, Operation op, boolean mustFail, Consumer<RequestSpecification> shape, String path) {
    }

    @Test
    void malformedRequestsAreRefusedWithProblemsAndChangeNothing() {
        Map<String, Sql.TableState> before = Sql.fingerprint();
        List<Attempt> attempts = new ArrayList<>();
        for (Operation op : OpenApiOperations.all()) {
            attempts.addAll(paths(op));
            attempts.addAll(queries(op));
            attempts.addAll(bodies(op));
        }
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        for (Attempt a : attempts) {
            // Its requests are invalid on purpose: only the answers are held to the document (issue 24).
            RequestSpecification request = RestAssured.given().noFiltersOfType(ContractValidation.class)
                    .filter(ContractValidation.responsesOnly())
                    // Bodies as given (no charset added), and logged as sent: pretty-printing the malformed XML bodies
                    // for the on-failure log made the JDK's parser print "[Fatal Error]" lines on stderr.
                    .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false))
                            .logConfig(LogConfig.logConfig().enablePrettyPrinting(false)))
                    .urlEncodingEnabled(false).auth().oauth2(tokenFor(a.op()));
            a.shape().accept(request);
            Response r;
            try {
                r = request.request(a.op().method(), a.path());
            } catch (Exception e) {
                wrong.add(a.label() + ": no answer (" + e + ")");
                continue;
            }
            int status = r.statusCode();
            String type = String.valueOf(r.contentType());
            if (status >= 500) {
                wrong.add(a.label() + ": " + status + " " + r.asString());
            } else if (status >= 400 && !type.startsWith("application/problem+json")) {
                wrong.add(a.label() + ": " + status + " as " + type);
            } else if (a.mustFail() && status < 400) {
                wrong.add(a.label() + ": accepted (" + status + ")");
            }
            if (status >= 400) {
                refused++;
            }
        }
        System.out.printf("[measure] hostile input: %d requests, %d refused (4xx), %d wrong%n", attempts.size(), refused, wrong.size());
        assertThat(attempts.size()).isGreaterThanOrEqualTo(5000);
        assertThat(wrong).as("of %d requests", attempts.size()).isEmpty();
        assertThat(refused).isGreaterThan(attempts.size() * 9 / 10);
        assertThat(Sql.fingerprint()).isEqualTo(before);
    }

    private static String tokenFor(Operation op) {
        for (String role : Roles.ALL) {
            if (Roles.STAFF.contains(role) && op.roles().contains(role)) {
                return Api.token(role);
            }
        }
        return Api.customerToken(UUID.randomUUID());
    }

    /** Each path parameter replaced by hostile text (the rest placeholders that name nothing): 404 or 400. */
    private static List<Attempt> paths(Operation op) {
        List<Attempt> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
        while (m.find()) {
            String param = m.group(1);
            List<String> values = new ArrayList<>();
            FRAGMENTS.forEach(f -> values.add(URLEncoder.encode(f, StandardCharsets.UTF_8)));
            values.addAll(List.of("%C3%28", "A".repeat(1000), "-1", "1e309", "%2e%2e%2f%2e%2e%2fq%2fhealth", "null"));
            for (String value : values) {
                String path = OpenApiOperations.fill(op.path(), name -> name.equals(param) ? value
                        : OpenApiOperations.placeholderPath("{" + name + "}"));
                out.add(new Attempt(op.key() + " with {" + param + "}=" + abbreviate(value), op, true,
                        op::withEmptyBody, path));
            }
        }
        return out;
    }

    /** Each query parameter given values of the wrong type, out of range, huge or hostile. */
    private static List<Attempt> queries(Operation op) {
        List<Attempt> out = new ArrayList<>();
        String path = OpenApiOperations.placeholderPath(op.path());
        for (OpenApiOperations.Parameter p : op.query()) {
            List<String> values = new ArrayList<>(List.of("abc", "-1", "0", "99999999999999999999", "2026-02-30",
                    "%C3%28", "", "A".repeat(2000), "not-a-uuid", "1;select%20pg_sleep(5)", "1&" + p.name() + "=2"));
            FRAGMENTS.forEach(f -> values.add(URLEncoder.encode(f, StandardCharsets.UTF_8)));
            for (String value : values) {
                String query = path + "?" + p.name() + "=" + value;
                out.add(new Attempt(op.key() + " with ?" + p.name() + "=" + abbreviate(value), op, op.writes(),
                        op::withEmptyBody, query));
            }
        }
        return out;
    }

    /** Broken bodies: not JSON, too deep, bad UTF-8, wrong content types, and each property of the wrong type or size. */
    private static List<Attempt> bodies(Operation op) {
        List<Attempt> out = new ArrayList<>();
        if (op.bodyType() == null) {
            return out;
        }
        String path = OpenApiOperations.placeholderPath(op.path());
        boolean json = op.bodyType().contains("json");
        if (json) {
            for (String raw : List.of("{", "[1,2", "null", "\"text\"", "123", "[]", "{}{}", "", "{\"a\":}", "{'a':1}",
                    "{\"a\":1,\"a\":2}", "[".repeat(1200) + "]".repeat(1200),
                    "{\"a\":".repeat(1200) + "1" + "}".repeat(1200))) {
                out.add(new Attempt(op.key() + " body " + abbreviate(raw), op, true,
                        r -> r.contentType("application/json").body(raw), path));
            }
            out.add(new Attempt(op.key() + " body with bad UTF-8", op, true,
                    r -> r.contentType("application/json").body(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28,
                            (byte) 0xFF, '"', '}'}), path));
        }
        for (String type : List.of("text/plain", "application/xml", "text/csv",
                "application/x-www-form-urlencoded")) {
            if (!op.bodyType().startsWith(type)) {
                out.add(new Attempt(op.key() + " as " + type, op, true, r -> r.contentType(type).body("a=1"), path));
            }
        }
        out.add(new Attempt(op.key() + " without a content type", op, true, r -> r.body("{}".getBytes(StandardCharsets.UTF_8)), path));
        JsonNode schema = op.bodySchema();
        if (json && schema != null && schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                for (String value : wrongValues(op.resolve(property.getValue()))) {
                    // Raw text on purpose: the value is JSON of the wrong type or size, which no builder writes.
                    String body = "{\"" + property.getKey() + "\":" + value + "}";
                    out.add(new Attempt(op.key() + " with " + property.getKey() + "=" + abbreviate(value), op, true,
                            r -> r.contentType("application/json").body(body), path));
                }
            }
        }
        return out;
    }

    /** Values a property of this schema must not accept. */
    private static List<String> wrongValues(JsonNode schema) {
        String type = schema == null ? "" : schema.path("type").asText();
        String format = schema == null ? "" : schema.path("format").asText();
        List<String> values = new ArrayList<>(List.of("{\"$where\":\"1\"}", "[" + "1,".repeat(10_000) + "1]"));
        switch (type) {
            case "string" -> {
                values.addAll(List.of("123", "true", "[\"a\"]", "\"" + "长".repeat(20_000) + "\""));
                if (schema.has("enum")) {
                    values.add("\"NOT_A_VALUE\"");
                }
                if (format.startsWith("date") || format.equals("uuid")) {
                    values.addAll(List.of("\"2026-02-30\"", "\"not-a-" + format + "\""));
                }
            }
            case "integer", "number" -> values.addAll(List.of("\"abc\"", "\"12\"", "1e400", "true", "99999999999999999999999"));
            case "boolean" -> values.addAll(List.of("\"yes\"", "1", "\"true\""));
            case "array" -> values.addAll(List.of("\"x\"", "1", "[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]"));
            default -> values.addAll(List.of("\"x\"", "1", "true"));
        }
        return values;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…(" + s.length() + ")";
    }
}
