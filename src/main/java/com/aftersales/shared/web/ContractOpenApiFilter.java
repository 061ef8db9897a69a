package com.aftersales.shared.web;

import com.aftersales.shared.error.Problem;
import com.aftersales.shared.idempotency.IdempotencyInterceptor;
import com.aftersales.shared.idempotency.Idempotent;
import com.aftersales.shared.ratelimit.ExpensiveReport;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parts of the contract every operation shares, added by rule so no resource can forget them (issue 24):
 * <ul>
 * <li>the RFC 9457 {@code Problem} schema under {@code application/problem+json} for each error status the operation
 * can answer: 400, 401, 403 and 503 on all; 404 where the path or a query parameter ({@code customerId}…) names a
 * record; 409 on writes (duplicates, lost races,
 * state conflicts); 412 and 428 where the operation takes If-Match or If-None-Match; 413, 415 and 422 where it takes a
 * body; 429 on {@link ExpensiveReport} operations;</li>
 * <li>headers: {@code X-Correlation-Id} on every response, {@code Retry-After} on 409, 429 and 503, {@code ETag} on 412,
 * {@code WWW-Authenticate} on 401, the {@code Idempotency-Key} request header on {@link Idempotent} operations;</li>
 * <li>query parameters that arrive as Java Strings but are parsed ({@link Params}, {@code PageRequest}) typed as parsed;</li>
 * <li>a JSON Merge Patch body ({@link MergePatch#MEDIA_TYPE}) as the patch schema of the PUT body's schema it names;</li>
 * <li>a description for every tag.</li>
 * </ul>
 * What only a resource knows (a 201 with its body and Location, a typed body behind a {@code Response}, an ETag on a
 * success) is in the resource's own {@code @APIResponse}. Runs at build time on the Jandex index.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractOpenApiFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

    /** Error statuses in the order they appear, with the reason phrase used as the response's description. */
    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "Bad Request: a parameter, header or the body cannot be read (errors[] names each)");
        ERRORS.put("401", "Unauthorized: no valid access token");
        ERRORS.put("403", "Forbidden: the caller's role or scope does not allow this");
        ERRORS.put("404", "Not Found: no such record (or not visible to the caller)");
        ERRORS.put("409", "Conflict: a duplicate, a state that does not allow this (unmet[] lists what is missing), "
                + "or a concurrent request (retry after Retry-After)");
        ERRORS.put("412", "Precondition Failed: the If-Match ETag is stale (the current one is in ETag and currentETag), "
                + "or If-None-Match: * and the record exists");
        ERRORS.put("413", "Content Too Large");
        ERRORS.put("415", "Unsupported Media Type");
        ERRORS.put("422", "Unprocessable Content: a field breaks a rule (errors[] names each)");
        ERRORS.put("428", "Precondition Required: If-Match (or If-None-Match: * to create) is missing");
        ERRORS.put("429", "Too Many Requests: the caller's report quota is used up until Retry-After");
        ERRORS.put("503", "Service Unavailable: the database is unreachable or the statement took too long; retry after "
                + "Retry-After");
    }

    /** Tag descriptions; a tag used by a resource but missing here fails the build. */
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("customers", "Customers (OEM, fleet, dealer, end user, service station) and their accounts");
        TAGS.put("units", "Units (machines by serial number): registration, CSV/.xlsx import, history");
        TAGS.put("warranty", "Free-warranty terms per customer and product line, service contracts, entitlement");
        TAGS.put("cases", "Service cases: intake, routing, workflow, SLAs, field visits, costs, attachments, approvals");
        TAGS.put("stations", "Service stations: their assigned visits, documents and fees with their verification; rate cards");
        TAGS.put("follow-ups", "Customer follow-ups after a case is resolved");
        TAGS.put("8d", "8D problem-solving reports, their disciplines, actions and deadlines");
        TAGS.put("problems", "The problem library and department problem digests");
        TAGS.put("recalls", "Recall campaigns, their units and progress reports");
        TAGS.put("returns", "Return orders (RMA): receipt, tests, NTF verdicts, disposition, restock");
        TAGS.put("suppliers", "Suppliers of purchased parts and supplier recovery (责任追溯): debit notes raised for confirmed purchased-part defects, accepted or disputed, recovered or written off");
        TAGS.put("ledger", "The quality center's complaint and returns ledgers as workbooks: template, export, historical import");
        TAGS.put("spare-parts", "Spare parts, stock per location, spare plans, transfer orders and quotes");
        TAGS.put("kpis", "Service KPIs as JSON, CSV or a zh-CN workbook");
        TAGS.put("notifications", "Notification preferences, webhooks and dead deliveries");
        TAGS.put("jobs", "Scheduled jobs, run on demand and their history (ADMIN)");
        TAGS.put("retention", "Retention of personal data: product life, expired units, erasure");
        TAGS.put("audit", "The audit trail of every change");
    }

    /**
     * Query parameters that are Java Strings but parsed as a type, by name: the same name is parsed the same way in every
     * resource ({@code PageRequest.of} for limit, {@link Params} for the rest).
     */
    private static final Map<String, Schema> QUERY_TYPES = new LinkedHashMap<>();

    static {
        QUERY_TYPES.put("limit", integer(1, 200).defaultValue(50).description("Page size (default 50, at most 200)"));
        QUERY_TYPES.put("cursor", string().description("The nextCursor of the previous page"));
        for (String date : List.of("from", "to", "date", "asOf")) {
            QUERY_TYPES.put(date, string().format("date"));
        }
        for (String id : List.of("customerId", "caseId")) {
            QUERY_TYPES.put(id, string().format("uuid"));
        }
        QUERY_TYPES.put("maxMonths", integer(1, 120).defaultValue(36));
        QUERY_TYPES.put("mileageKm", integer(0, 10_000_000));
        QUERY_TYPES.put("operatingHours", integer(0, 1_000_000));
        QUERY_TYPES.put("openAfterDays", integer(0, 3650));
        QUERY_TYPES.put("overdueAfterDays", integer(0, 365));
        for (String flag : List.of("overdue", "major", "unread", "wearPart", "flagged")) {
            QUERY_TYPES.put(flag, OASFactory.createSchema().addType(SchemaType.BOOLEAN));
        }
    }

    /** Query parameters named after an enum parsed by {@link Params#enumParam} wherever they occur. */
    private static final Map<String, String> QUERY_ENUMS = Map.of(
            "productLine", "com.aftersales.unit.ProductLine",
            "severity", "com.aftersales.cases.Severity",
            "department", "com.aftersales.problems.Department");

    private final IndexView index;
    private final Set<String> idempotent = new HashSet<>();
    private final Set<String> quota = new HashSet<>();
    /** Names of decimal amounts the API writes as JSON strings ({@code @JsonFormat(shape = STRING) BigDecimal}). */
    private final Set<String> decimalsAsText = new HashSet<>();

    public ContractOpenApiFilter(IndexView index) {
        this.index = index;
        operations(index, Idempotent.class, idempotent);
        operations(index, ExpensiveReport.class, quota);
        for (AnnotationInstance format : index.getAnnotations(DotName.createSimple(JsonFormat.class))) {
            if (format.target().kind() == AnnotationTarget.Kind.FIELD && format.value("shape") != null
                    && format.value("shape").asEnum().equals(JsonFormat.Shape.STRING.name())
                    && format.target().asField().type().name().toString().equals(BigDecimal.class.getName())) {
                decimalsAsText.add(format.target().asField().name());
            }
        }
    }

    private static void operations(IndexView index, Class<?> annotation, Set<String> into) {
        for (AnnotationInstance use : index.getAnnotations(DotName.createSimple(annotation))) {
            if (use.target().kind() == AnnotationTarget.Kind.METHOD) {
                into.add(ResourceMethods.operation(use.target().asMethod()));
            }
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        namePages(openAPI);
        components.addSchema(PROBLEM, problemSchema());
        components.addSchema(PROBLEM + "FieldError", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One invalid input: the field (JSON path, parameter or CSV column), why, and the CSV line")
                .addProperty("field", string()).addProperty("message", string())
                .addProperty("line", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .required(List.of("field", "message")));
        components.addSchema(PROBLEM + "Unmet", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One condition a case still lacks for the status asked for")
                .addProperty("code", string().description("approval_missing, eight_d_not_closed, return_not_closed, "
                        + "cost_not_decided"))
                .addProperty("id", string().format("uuid")).addProperty("text", string())
                .required(List.of("code", "id", "text")));
        components.addHeader(CorrelationId.HEADER, header("The request's correlation id (the caller's own if it sent a "
                + "sane one), also in the logs and in every problem", string()));
        components.addHeader("Retry-After", header("Seconds to wait before trying again",
                OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(BigDecimal.ZERO)));
        components.addHeader("ETag", header("The record's version; send it back in If-Match to change the record",
                string().pattern("^\"\\d+\"$")));
        components.addHeader("Location", header("Where the created record is read", string().format("uri-reference")));
        components.addHeader("WWW-Authenticate", header("Bearer", string()));
        components.addParameter(IdempotencyInterceptor.HEADER, OASFactory.createParameter()
                .name(IdempotencyInterceptor.HEADER).in(Parameter.In.HEADER).required(false)
                .description("A key of the client's choosing: a retry with the same key and body gets the first answer "
                        + "without a second effect; the same key with another body is 422")
                .schema(string().minLength(1).maxLength(255)));

        // Exact decimals travel as text ("85.50"), in answers and (by the same name) in requests: typed so.
        components.getSchemas().values().forEach(schema -> {
            if (schema.getProperties() != null) {
                Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
                properties.replaceAll((name, property) -> decimalsAsText.contains(name)
                        && List.of(SchemaType.NUMBER).equals(property.getType()) ? decimalText(property) : property);
                schema.setProperties(properties);
            }
        });

        Set<String> tagsUsed = new HashSet<>();
        Set<String> idempotentLeft = new HashSet<>(idempotent);
        Set<String> quotaLeft = new HashSet<>(quota);
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            String key = method.name() + " " + path;
            amend(path, method, operation, idempotentLeft.remove(key), quotaLeft.remove(key));
            mergePatchBody(key, operation, components);
            if (operation.getTags() != null) {
                tagsUsed.addAll(operation.getTags());
            }
        }));
        if (!idempotentLeft.isEmpty() || !quotaLeft.isEmpty()) {
            throw new IllegalStateException("@Idempotent / @ExpensiveReport methods not found in the OpenAPI document: "
                    + idempotentLeft + " " + quotaLeft);
        }
        describeTags(openAPI, tagsUsed);
    }

    private void amend(String path, PathItem.HttpMethod method, Operation operation, boolean idempotentPost,
                       boolean quotaCounted) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean preconditions = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && (p.getName().equalsIgnoreCase("If-Match") || p.getName().equalsIgnoreCase("If-None-Match")));
        boolean body = operation.getRequestBody() != null;
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;

        if (idempotentPost) {
            operation.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + IdempotencyInterceptor.HEADER));
        }
        for (Parameter p : parameters) {
            // Every parameter arrives as text: a schema with only a pattern or an enum is a string (a validator reading
            // the document would otherwise take the value for JSON).
            if (p.getSchema() != null && p.getSchema().getRef() == null
                    && (p.getSchema().getType() == null || p.getSchema().getType().isEmpty())) {
                p.getSchema().setType(List.of(SchemaType.STRING));
            }
            if (p.getIn() == Parameter.In.QUERY && isPlainString(p.getSchema())) {
                Schema typed = QUERY_TYPES.get(p.getName());
                if (typed == null && QUERY_ENUMS.containsKey(p.getName())) {
                    typed = enumSchema(QUERY_ENUMS.get(p.getName()));
                }
                if (typed != null) {
                    p.setSchema(copy(typed));
                }
            }
        }

        APIResponses responses = operation.getResponses();
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403"));
        boolean namesRecordInQuery = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY
                && p.getName().endsWith("Id"));
        if (path.contains("{") || namesRecordInQuery) {
            statuses.add("404");
        }
        if (write) {
            statuses.add("409");
        }
        if (preconditions) {
            statuses.addAll(List.of("412", "428"));
        }
        if (body) {
            statuses.addAll(List.of("413", "415", "422"));
        }
        if (quotaCounted) {
            statuses.add("429");
        }
        statuses.add("503");
        // An error a resource names itself (e.g. 404 for a record its body refers to) is a problem document as well.
        responses.getAPIResponses().keySet().stream().filter(code -> ERRORS.containsKey(code) && !statuses.contains(code))
                .forEach(statuses::add);
        for (String status : statuses) {
            APIResponse response = responses.getAPIResponse(status);
            if (response == null) {
                response = OASFactory.createAPIResponse();
                responses.addAPIResponse(status, response);
            }
            problem(status, response);
        }
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
        responses.getAPIResponses().values().forEach(r -> {
            r.addHeader(CorrelationId.HEADER, headerRef(CorrelationId.HEADER));
            // A resource names a shared header (@Header(name = "ETag")) and gets the one definition.
            Map<String, Header> headers = new LinkedHashMap<>(r.getHeaders());
            headers.replaceAll((name, h) -> h.getRef() == null && h.getSchema() == null && SHARED_HEADERS.contains(name)
                    ? headerRef(name) : h);
            r.setHeaders(headers);
        });
    }

    /**
     * A JSON Merge Patch body (RFC 7396) names the PUT body's schema X; the document gets "XMergePatch": the same members,
     * none required, each also null (null clears it), an object member as a merge patch of its own (objects merge), so a
     * client generator and the request validator accept a patch.
     */
    private static void mergePatchBody(String operation, Operation op, Components components) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return;
        }
        var media = op.getRequestBody().getContent().getMediaType(MergePatch.MEDIA_TYPE);
        if (media == null) {
            return;
        }
        String ref = media.getSchema() == null ? null : media.getSchema().getRef();
        if (ref == null || objectSchema(ref, components) == null) {
            throw new IllegalStateException(operation + ": a merge-patch body must name the schema of the PUT body");
        }
        media.setSchema(OASFactory.createSchema().ref(mergePatchSchema(ref, components)));
    }

    private static final String SCHEMAS = "#/components/schemas/";

    /**
     * A page of T is named "Page" + T's schema name. The scanner names it after T's simple class name and numbers the
     * second of two (PageUnitView1 for the recall area's and the unit area's UnitView), and a generated client would
     * then get names that shift whenever another such page appears; every reference follows the rename.
     */
    private static void namePages(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Map<String, String> renames = new TreeMap<>();
        schemas.forEach((name, schema) -> {
            Schema items = schema.getProperties() == null ? null : schema.getProperties().get("items");
            if (name.startsWith("Page") && items != null && items.getItems() != null && items.getItems().getRef() != null
                    && items.getItems().getRef().startsWith(SCHEMAS)) {
                String target = "Page" + items.getItems().getRef().substring(SCHEMAS.length());
                if (!target.equals(name)) {
                    renames.put(SCHEMAS + name, SCHEMAS + target);
                }
            }
        });
        if (renames.isEmpty()) {
            return;
        }
        Map<String, Schema> renamed = new TreeMap<>();
        schemas.forEach((name, schema) -> {
            String to = renames.getOrDefault(SCHEMAS + name, SCHEMAS + name).substring(SCHEMAS.length());
            if (renamed.put(to, schema) != null) {
                throw new IllegalStateException("two schemas would be named " + to);
            }
        });
        openAPI.getComponents().setSchemas(renamed);
        renamed.values().forEach(schema -> followRenames(schema, renames));
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> followRenames(p.getSchema(), renames));
            }
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> followRenames(m.getSchema(), renames));
            }
            if (op.getResponses() != null) {
                op.getResponses().getAPIResponses().values().stream().filter(r -> r.getContent() != null)
                        .forEach(r -> r.getContent().getMediaTypes().values().forEach(m -> followRenames(m.getSchema(), renames)));
            }
        }));
    }

    private static void followRenames(Schema schema, Map<String, String> renames) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && renames.containsKey(schema.getRef())) {
            schema.setRef(renames.get(schema.getRef()));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> followRenames(s, renames));
        }
        followRenames(schema.getItems(), renames);
        followRenames(schema.getAdditionalPropertiesSchema(), renames);
        followRenames(schema.getNot(), renames);
        for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (list != null) {
                list.forEach(s -> followRenames(s, renames));
            }
        }
    }

    /** The components schema an object schema's ref names, or null when it names no object with members. */
    private static Schema objectSchema(String ref, Components components) {
        if (!ref.startsWith(SCHEMAS)) {
            return null;
        }
        Schema schema = components.getSchemas().get(ref.substring(SCHEMAS.length()));
        return schema == null || schema.getProperties() == null || schema.getProperties().isEmpty() ? null : schema;
    }

    /** The ref of the merge-patch schema of an object schema's ref, made on first use. */
    private static String mergePatchSchema(String ref, Components components) {
        String whole = ref.substring(SCHEMAS.length());
        String name = whole + "MergePatch";
        if (!components.getSchemas().containsKey(name)) {
            Schema patch = OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .description("JSON Merge Patch (RFC 7396) of " + whole + ": only the members to change; null clears one "
                            + "(422 for a required one); objects merge, arrays replace; unknown members are 400");
            components.addSchema(name, patch);
            objectSchema(ref, components).getProperties()
                    .forEach((member, schema) -> patch.addProperty(member, nullable(schema, components)));
        }
        return SCHEMAS + name;
    }

    /** A member's schema that also admits null; an object member is a merge patch itself. */
    private static Schema nullable(Schema schema, Components components) {
        Schema none = OASFactory.createSchema().addType(SchemaType.NULL);
        if (schema.getRef() != null) {
            String ref = objectSchema(schema.getRef(), components) == null ? schema.getRef()
                    : mergePatchSchema(schema.getRef(), components);
            return OASFactory.createSchema().addAnyOf(OASFactory.createSchema().ref(ref)).addAnyOf(none);
        }
        if (schema.getType() == null) {
            return OASFactory.createSchema().addAnyOf(schema).addAnyOf(none);
        }
        Schema copy = OASFactory.createSchema();
        copy.setAll(new LinkedHashMap<>(schema.getAll()));
        List<SchemaType> types = new ArrayList<>(schema.getType());
        if (!types.contains(SchemaType.NULL)) {
            types.add(SchemaType.NULL);
        }
        copy.setType(types);
        if (schema.getEnumeration() != null && !schema.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(schema.getEnumeration());
            values.add(null);
            copy.setEnumeration(values);
        }
        return copy;
    }

    private static final Set<String> SHARED_HEADERS = Set.of(CorrelationId.HEADER, "Retry-After", "ETag", "Location",
            "WWW-Authenticate");

    /** An error response: its description, the problem document and the headers its status carries. */
    private static void problem(String status, APIResponse response) {
        response.setDescription(ERRORS.get(status));
        response.setContent(OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM))));
        switch (status) {
            case "401" -> response.addHeader("WWW-Authenticate", headerRef("WWW-Authenticate"));
            case "409", "429", "503" -> response.addHeader("Retry-After", headerRef("Retry-After"));
            case "412" -> response.addHeader("ETag", headerRef("ETag"));
            default -> {
            }
        }
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details, the body of every error, in zh-CN or en by Accept-Language. Problem "
                        + "types add members of their own (e.g. currentETag, allowedTransitions, unmet)")
                .addProperty("type", string().format("uri-reference")
                        .description("urn:problem:aftersales:<code>, stable: branch on it"))
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string())
                .addProperty("instance", string().format("uri-reference").description("The request's path"))
                .addProperty("correlationId", string().description("Also the X-Correlation-Id header"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM + "FieldError"))
                        .description("Each invalid input (at most 100; errorCount gives the total when there are more)"))
                .addProperty("errorCount", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("unmet", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM + "Unmet"))
                        .description("case_gate_unmet: every condition the case still lacks"))
                .addProperty("currentETag", string().description("precondition_failed, record_exists: the record's ETag"))
                .addProperty("currentStatus", string().description("*_wrong_status: the record's status"))
                .addProperty("allowedTransitions", OASFactory.createSchema().addType(SchemaType.ARRAY).items(string())
                        .description("case_transition_not_allowed: the statuses the case may move to"))
                .addProperty("approvalStatus", string().description("case approval conflicts: the case's approval status"))
                .addProperty("caseStatus", string().description("cost conflicts: the case's status"))
                .addProperty("closedOn", string().format("date")
                        .description("cost_case_finished on a station fee: the day the case closed (business zone)"))
                .addProperty("stationFeesUntil", string().format("date")
                        .description("cost_case_finished on a station fee: the last day a station's fee was accepted"))
                .addProperty("travelStatus", string().description("visit_travel_*: the visit's travel approval status"))
                .addProperty("delegationStatus", string().description("gm_delegation_over: the delegation's status"))
                .addProperty("conflictingTermId", string().format("uuid")
                        .description("an overlapping warranty term of the customer and product line"))
                .addProperty("conflictingContractId", string().format("uuid")
                        .description("an overlapping service contract of the unit"))
                .addProperty("openUnits", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .description("recall_units_open: how many units are still open"))
                .addProperty("holdUntil", string().format("date").description("recall_legal_hold: kept until"))
                .addProperty("keptUntil", string().format("date")
                        .description("retention_active: the unit's record kept until"))
                .addProperty("heldUntil", string().format("date")
                        .description("retention_active: a recall's legal hold until"))
                .addProperty("removableFrom", string().format("date").description("retention_active: erasable from"))
                .addProperty("totalErrors", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("import_rejected: every issue found (errors lists the first ones)"))
                .addProperty("reproducingTests", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .additionalPropertiesSchema(string().format("uuid"))
                        .description("validation_failed on a verdict: serial number → the test that reproduced the fault"))
                .addProperty("available", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("stock_insufficient: the quantity on hand"))
                .required(List.of("type", "title", "status"));
    }

    private void describeTags(OpenAPI openAPI, Set<String> used) {
        Map<String, org.eclipse.microprofile.openapi.models.tags.Tag> tags = new TreeMap<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(t -> tags.put(t.getName(), t));
        }
        used.forEach(name -> tags.computeIfAbsent(name, n -> OASFactory.createTag().name(n)));
        List<String> undescribed = new ArrayList<>();
        tags.values().forEach(t -> {
            if (t.getDescription() == null) {
                t.setDescription(TAGS.get(t.getName()));
            }
            if (t.getDescription() == null) {
                undescribed.add(t.getName());
            }
        });
        if (!undescribed.isEmpty()) {
            throw new IllegalStateException("Tags without a description (add them to " + getClass().getSimpleName()
                    + ".TAGS): " + undescribed);
        }
        openAPI.setTags(new ArrayList<>(tags.values()));
    }

    private Schema enumSchema(String className) {
        var type = index.getClassByName(DotName.createSimple(className));
        if (type == null || !type.isEnum()) {
            throw new IllegalStateException(className + " is not an enum in the index");
        }
        Schema schema = string();
        type.enumConstants().forEach(c -> schema.addEnumeration(c.name()));
        return schema;
    }

    private static boolean isPlainString(Schema schema) {
        return schema != null && schema.getRef() == null && List.of(SchemaType.STRING).equals(schema.getType())
                && schema.getFormat() == null && schema.getPattern() == null && schema.getEnumeration() == null;
    }

    /** A fresh copy, so no two parameters share one mutable model object. */
    private static Schema copy(Schema schema) {
        Schema copy = OASFactory.createSchema().type(new ArrayList<>(schema.getType()));
        copy.setFormat(schema.getFormat());
        copy.setMinimum(schema.getMinimum());
        copy.setMaximum(schema.getMaximum());
        copy.setDefaultValue(schema.getDefaultValue());
        copy.setDescription(schema.getDescription());
        copy.setMinLength(schema.getMinLength());
        copy.setMaxLength(schema.getMaxLength());
        if (schema.getEnumeration() != null) {
            copy.setEnumeration(new ArrayList<>(schema.getEnumeration()));
        }
        return copy;
    }

    /** The number's bounds and scale, kept as the text's pattern: sign, integer digits, decimal places. */
    private static Schema decimalText(Schema number) {
        boolean negative = number.getMinimum() == null || number.getMinimum().signum() < 0;
        String digits = number.getMaximum() == null ? "\\d+"
                : "\\d{1," + number.getMaximum().setScale(0, java.math.RoundingMode.DOWN).toPlainString().length() + "}";
        String places = number.getMultipleOf() == null || number.getMultipleOf().scale() <= 0 ? "(\\.\\d+)?"
                : "(\\.\\d{1," + number.getMultipleOf().stripTrailingZeros().scale() + "})?";
        StringBuilder description = new StringBuilder("An exact decimal as text, e.g. \"85.50\"");
        if (number.getMinimum() != null) {
            description.append("; at least ").append(number.getMinimum().stripTrailingZeros().toPlainString());
        }
        if (number.getMaximum() != null) {
            description.append("; at most ").append(number.getMaximum().stripTrailingZeros().toPlainString());
        }
        return string().pattern("^" + (negative ? "-?" : "") + digits + places + "$").description(description.toString());
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Schema integer(long min, long max) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    private static Header headerRef(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }
}
