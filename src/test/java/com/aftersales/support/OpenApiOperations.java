package com.aftersales.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operations of the service's own OpenAPI document (/q/openapi), so tests reach every endpoint, new ones too. */
public final class OpenApiOperations {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** A query parameter and its schema. */
    public record Parameter(String name, JsonNode schema, boolean required) {
    }

    /**
     * One operation: its method and path template, the roles its security requirement names, the media type of its
     * request body (null: none) and that body's schema with references resolved.
     */
    public record Operation(String method, String path, Set<String> roles, String bodyType, JsonNode bodySchema,
                            List<Parameter> query, JsonNode document) {
        public String key() {
            return method + " " + path;
        }

        public boolean writes() {
            return !method.equals("GET");
        }

        /** Gives the request an empty body of the operation's media type ({} for JSON), if it takes one. */
        public io.restassured.specification.RequestSpecification withEmptyBody(
                io.restassured.specification.RequestSpecification request) {
            return bodyType == null ? request : request.contentType(bodyType).body(bodyType.contains("json") ? "{}" : "");
        }

        /** Follows a "$ref" to the schema it names in the document's components. */
        public JsonNode resolve(JsonNode schema) {
            return OpenApiOperations.resolve(document, schema);
        }
    }

    private static List<Operation> cached;

    private OpenApiOperations() {
    }

    public static synchronized List<Operation> all() {
        if (cached == null) {
            cached = read();
        }
        return cached;
    }

    private static List<Operation> read() {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>();
                op.path("security").forEach(requirement -> requirement.fields()
                        .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                String bodyType = null;
                JsonNode bodySchema = null;
                Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
                if (content.hasNext()) {
                    Map.Entry<String, JsonNode> first = content.next();
                    bodyType = first.getKey();
                    bodySchema = resolve(doc, first.getValue().path("schema"));
                }
                List<Parameter> query = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    if ("query".equals(p.path("in").asText())) {
                        query.add(new Parameter(p.path("name").asText(), resolve(doc, p.path("schema")), p.path("required").asBoolean()));
                    }
                }
                ops.add(new Operation(method.toUpperCase(), path.getKey(), roles, bodyType, bodySchema, query, doc));
            }
        }
        return List.copyOf(ops);
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s != null && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = doc.at(ref.substring(1));
        }
        if (s != null && s.has("allOf") && s.get("allOf").size() == 1) {
            return resolve(doc, s.get("allOf").get(0));
        }
        return s;
    }

    /** The path with each parameter replaced by a well-formed value that names nothing. */
    public static String placeholderPath(String template) {
        return fill(template, name -> switch (name) {
            case "serialNo" -> "NO-SUCH-UNIT";
            case "name" -> "no-such-job";
            case "productLine" -> "MICRO_CAR";
            case "inProject" -> "false";
            case "discipline" -> "D3";
            case "location" -> "NO-SUCH-LOCATION";
            case "model" -> "NO-SUCH-MODEL";
            case "department" -> "NO-SUCH-DEPARTMENT";
            case "subscriber" -> "nobody@example.cn";
            default -> "00000000-0000-4000-8000-000000000000";
        });
    }

    /** The path with each parameter replaced by what {@code values} gives for its name. */
    public static String fill(String template, java.util.function.Function<String, String> values) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The path with each parameter replaced by the object named by the segment before it ({@code /visits/{visitId}} →
     * {@code ids.get("visits")}); fails naming the segment when {@code ids} has none for it.
     */
    public static String fillBySegment(String template, Map<String, String> ids) {
        String[] segments = template.split("/");
        Map<String, String> byParam = new java.util.HashMap<>();
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                String id = ids.get(segments[i - 1]);
                if (id == null) {
                    throw new AssertionError("no object for " + template + " (segment " + segments[i - 1] + ")");
                }
                byParam.put(segments[i].substring(1, segments[i].length() - 1), id);
            }
        }
        return fill(template, byParam::get);
    }
}
