package com.aftersales.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The OpenAPI document checked against reality (issue 24): a RestAssured filter, on for every HTTP test (installed into
 * {@link RestAssured#filters} before each test by {@link ContractValidationHook}), that validates each request to the
 * API and its answer against docs/openapi.json with Atlassian's swagger-request-validator. An undocumented path, status,
 * response field (no additionalProperties unless the schema allows them), a wrong type or format, one of the contract's
 * own headers (ETag, Location, Retry-After, X-Correlation-Id, WWW-Authenticate) sent where the document does not list
 * it, or a request the document calls invalid that the service accepted, fails the test with the validator's report.
 * <p>
 * The validator's JSON Schema engine reads OpenAPI 3.0 only: with the 3.1 document it ignores every {@code type} and
 * reads each string parameter as JSON. {@link #asOpenApi30} hands it the same document in 3.0 terms, and refuses a 3.1
 * construct it cannot translate, so a new one fails here rather than going unchecked.
 */
public final class ContractValidation implements Filter {

    public static final Path DOCUMENT = Path.of("docs", "openapi.json");

    /**
     * Only the API's own paths are in the document: not /q/health, /q/metrics, /_lambda_, nor the presigned URLs of the
     * attachment store (S3 in AWS; in dev and tests the local store's stand-in under /api/v1/attachment-store/).
     */
    private static final Pattern API_PATH = Pattern.compile("^/api/(?!v1/attachment-store/).*");

    /**
     * {@code -Dcontract.list-to=target/contract-mismatches.txt}: each mismatch is appended to that file instead of failing
     * its test, so one run of the suite lists them all (for fixing many at once; never in CI).
     */
    private static final String LIST_TO = System.getProperty("contract.list-to");

    private static volatile Validator shared;

    private final boolean requests;
    private final Validator own;

    private ContractValidation(boolean requests) {
        this(requests, null);
    }

    /** A filter holding requests and answers to another document (ContractValidationTest proves it can fail). */
    ContractValidation(boolean requests, Validator own) {
        this.requests = requests;
        this.own = own;
    }

    /** Requests and responses checked: every HTTP test. */
    public static ContractValidation requestsAndResponses() {
        return new ContractValidation(true);
    }

    /** Responses only: for requests invalid on purpose (the hostile-input test). */
    public static ContractValidation responsesOnly() {
        return new ContractValidation(false);
    }

    /** Adds the full filter to RestAssured's global filters, unless a contract filter is already there. */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(ContractValidation.class::isInstance)) {
            RestAssured.filters(requestsAndResponses());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        // A CORS preflight (OPTIONS) is answered by the HTTP layer before any operation of the API.
        if (path != null && API_PATH.matcher(path).matches() && !request.getMethod().equals("OPTIONS")) {
            List<String> errors = (own != null ? own : validator()).check(withToken(request),
                    RestAssuredResponse.of(response), requests);
            if (!errors.isEmpty() && LIST_TO != null) {
                list(request.getMethod() + " " + path + " → " + response.statusCode() + "\t" + String.join("\t", errors));
            } else if (!errors.isEmpty()) {
                throw new AssertionError("Not as docs/openapi.json says: " + request.getMethod() + " " + path + " → "
                        + response.statusCode() + "\n  " + String.join("\n  ", errors)
                        + "\n  body: " + abbreviate(response.asString()));
            }
        }
        return response;
    }

    /** The request as sent: RestAssured adds {@code auth().oauth2(token)}'s header after the filters have run. */
    private static Request withToken(FilterableRequestSpecification spec) {
        Request request = RestAssuredRequest.of(spec);
        if (spec.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth
                && request.getHeaderValues(AUTHORIZATION).isEmpty()) {
            return new Authorised(request, "Bearer " + oauth.getAccessToken());
        }
        return request;
    }

    private static final String AUTHORIZATION = "Authorization";

    private record Authorised(Request request, String authorization) implements Request {
        @Override
        public String getPath() {
            return request.getPath();
        }

        @Override
        public Method getMethod() {
            return request.getMethod();
        }

        @Override
        public Optional<String> getBody() {
            return request.getBody();
        }

        @Override
        public Optional<Body> getRequestBody() {
            return request.getRequestBody();
        }

        @Override
        public Collection<String> getQueryParameters() {
            return request.getQueryParameters();
        }

        @Override
        public Collection<String> getQueryParameterValues(String name) {
            return request.getQueryParameterValues(name);
        }

        @Override
        public Map<String, Collection<String>> getHeaders() {
            Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(request.getHeaders());
            headers.put(AUTHORIZATION, List.of(authorization));
            return headers;
        }

        @Override
        public Collection<String> getHeaderValues(String name) {
            return name.equalsIgnoreCase(AUTHORIZATION) ? List.of(authorization) : request.getHeaderValues(name);
        }
    }

    private static Validator validator() {
        if (shared == null) {
            synchronized (ContractValidation.class) {
                if (shared == null) {
                    try {
                        shared = new Validator(Files.readString(DOCUMENT));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return shared;
    }

    private static synchronized void list(String line) {
        try {
            Files.writeString(Path.of(LIST_TO), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }

    /** The document's validator and the contract headers each operation's responses document. */
    public static final class Validator {

        private static final Set<String> ROUTING = Set.of("validation.request.path.missing",
                "validation.request.operation.notAllowed");

        private final OpenApiInteractionValidator validator;
        private final JsonNode document;
        private final Set<String> contractHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

        public Validator(String openApiJson) {
            try {
                document = new ObjectMapper().readTree(openApiJson);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            document.path("components").path("headers").fieldNames().forEachRemaining(contractHeaders::add);
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document).toString())
                    .build();
        }

        /** Every way the exchange departs from the document; empty when it is as documented. */
        public List<String> check(Request request, com.atlassian.oai.validator.model.Response response,
                                  boolean checkRequest) {
            List<String> errors = new ArrayList<>();
            boolean refused = response.getStatus() >= 400 && response.getStatus() < 500;
            ValidationReport route = validator.validateRequest(request);
            if (route.getMessages().stream().anyMatch(m -> ROUTING.contains(m.getKey()))) {
                // No such operation in the document: a 404 or 405 for it is as documented, any other answer is not.
                if (!refused) {
                    errors(route, "request ", errors);
                }
                return errors;
            }
            // A request the document calls invalid must be refused: answered 4xx it is an unhappy-path test going as
            // documented; answered 2xx or 3xx the service took what its contract says it does not.
            if (checkRequest && !refused) {
                errors(route, "request ", errors);
            }
            errors(validator.validateResponse(request.getPath(), request.getMethod(), response), "", errors);
            JsonNode documented = documentedResponse(request.getPath(), request.getMethod().name(), response.getStatus());
            if (documented != null) {
                for (String header : contractHeaders) {
                    if (!response.getHeaderValues(header).isEmpty() && !hasHeader(documented, header)) {
                        errors.add("header " + header + " is not documented on " + request.getMethod() + " "
                                + request.getPath() + " " + response.getStatus());
                    }
                }
            }
            return errors;
        }

        private static void errors(ValidationReport report, String prefix, List<String> into) {
            report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> into.add(prefix + m.getKey() + ": " + m.getMessage()));
        }

        private static boolean hasHeader(JsonNode response, String header) {
            for (Iterator<String> names = response.path("headers").fieldNames(); names.hasNext(); ) {
                if (names.next().equalsIgnoreCase(header)) {
                    return true;
                }
            }
            return false;
        }

        /** The document's response for the request's operation and status, or null (the validator reports that). */
        private JsonNode documentedResponse(String path, String method, int status) {
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = paths.next();
                if (template(entry.getKey()).matcher(path).matches()) {
                    JsonNode response = entry.getValue().path(method.toLowerCase(Locale.ROOT)).path("responses")
                            .path(String.valueOf(status));
                    if (!response.isMissingNode()) {
                        return response;
                    }
                }
            }
            return null;
        }

        private static Pattern template(String pathTemplate) {
            return Pattern.compile("^" + Pattern.quote(pathTemplate).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "$");
        }
    }

    /**
     * The 3.1 document in 3.0 terms, for the validator's JSON Schema (draft 4) engine: numeric exclusive bounds become
     * a bound with a boolean flag, a type pair {@code [T, "null"]} becomes {@code T} with {@code nullable: true}, a
     * schema's {@code examples} (not validated) go; a 3.1-only construct with no such
     * translation (a type list, null type, const, $defs…) fails, so nothing is silently left unchecked.
     */
    static ObjectNode asOpenApi30(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        if (!copy.path("openapi").asText().startsWith("3.1")) {
            throw new IllegalStateException("expected an OpenAPI 3.1 document, got " + copy.path("openapi"));
        }
        copy.put("openapi", "3.0.3");
        translate(copy, "#");
        return copy;
    }

    private static final Set<String> UNTRANSLATED = Set.of("const", "$defs", "prefixItems", "if", "then", "else",
            "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems", "contentMediaType",
            "$schema", "$id", "$anchor", "patternProperties", "propertyNames", "contains");

    private static void translate(JsonNode node, String at) {
        if (node instanceof ObjectNode object) {
            // A properties map names fields (a field may be called "type"): its members are schemas, it is not one.
            boolean schema = !at.endsWith("/properties")
                    && (object.has("type") || object.has("$ref") || object.has("properties") || object.has("items"));
            if (schema) {
                JsonNode type = object.get("type");
                // [T, "null"] (a merge patch's member: null clears it) is 3.0's T with nullable: true.
                if (type != null && type.isArray() && type.size() == 2 && type.get(1).asText().equals("null")
                        && type.get(0).isTextual() && !type.get(0).asText().equals("null")) {
                    object.put("type", type.get(0).asText());
                    object.put("nullable", true);
                    type = object.get("type");
                }
                if (type != null && !type.isTextual()) {
                    throw new IllegalStateException(at + ": a type list (" + type + ") has no OpenAPI 3.0 form the "
                            + "validator reads; translate it in ContractValidation.asOpenApi30");
                }
                for (String keyword : UNTRANSLATED) {
                    if (object.has(keyword)) {
                        throw new IllegalStateException(at + ": " + keyword + " is not translated for the validator");
                    }
                }
                bound(object, "exclusiveMinimum", "minimum");
                bound(object, "exclusiveMaximum", "maximum");
                if (object.path("examples").isArray()) {
                    object.remove("examples");
                }
            }
            object.fields().forEachRemaining(e -> translate(e.getValue(), at + "/" + e.getKey()));
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                translate(node.get(i), at + "/" + i);
            }
        }
    }

    private static void bound(ObjectNode schema, String exclusive, String inclusive) {
        JsonNode value = schema.get(exclusive);
        if (value != null && value.isNumber()) {
            if (schema.has(inclusive)) {
                throw new IllegalStateException(exclusive + " beside " + inclusive + " in " + schema);
            }
            schema.set(inclusive, value);
            schema.put(exclusive, true);
        }
    }
}
