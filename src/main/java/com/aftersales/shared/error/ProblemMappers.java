package com.aftersales.shared.error;

import com.aftersales.shared.persistence.DatabaseErrors;
import com.aftersales.shared.web.CorrelationId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders every error as application/problem+json in the caller's language. One table maps the
 * exceptions that do not carry their own status; a 500 is logged with the correlation id and
 * never shows a class name or stack trace to the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private record Kind(int status, String code) {
    }

    /** Walked up the class hierarchy (and the cause chain) for exceptions without a status of their own. */
    private static final Map<Class<? extends Throwable>, Kind> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(OptimisticLockException.class, new Kind(412, "concurrent_update"));
        TABLE.put(StaleStateException.class, new Kind(412, "concurrent_update"));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        List<Problem.FieldError> errors = e.issues().stream()
                .map(i -> new Problem.FieldError(i.field(), Messages.text(locale, i.key(), i.args()), i.line()))
                .toList();
        Response.ResponseBuilder response = respond(locale, e.status(), e.code(), uri, errors, e.properties(), e.args());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(locale, 422, "validation_failed", uri, errors, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping.getPath());
            String reason;
            if (e instanceof UnrecognizedPropertyException) {
                reason = Messages.text(locale, "json.unknown_field");
            } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                reason = Messages.text(locale, "json.enum", enumValues(format.getTargetType()));
            } else {
                reason = Messages.text(locale, "json.wrong_type", typeName(e));
            }
            return respond(locale, 400, "invalid_json_value", uri, List.of(new Problem.FieldError(field, reason)), Map.of()).build();
        }
        return respond(locale, 400, "malformed_json", uri, List.of(), Map.of()).build();
    }

    // Quarkus REST has built-in mappers for these subtypes; these take precedence and keep the problem format.
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return unreadable(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, HttpHeaders headers, UriInfo uri) {
        return unreadable(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e, HttpHeaders headers, UriInfo uri) {
        return unreadable(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return unauthorized(headers, uri);
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return unauthorized(headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        return respond(locale, 403, "forbidden", uri, List.of(), Map.of()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, headers, uri);
        }
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, headers, uri);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "no_such_resource";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        Response.ResponseBuilder response = respond(locale, status, code, uri, List.of(), Map.of());
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            response.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        Optional<Kind> known = classify(e);
        if (known.isPresent()) {
            return respond(locale, known.get().status(), known.get().code(), uri, List.of(), Map.of()).build();
        }
        if (DatabaseErrors.unavailable(e)) {
            LOG.warnf("Database unavailable: %s", DatabaseErrors.describe(e).orElse(e.getClass().getName()));
            return respond(locale, 503, "database_unavailable", uri, List.of(), Map.of()).header("Retry-After", "5").build();
        }
        if (DatabaseErrors.cancelled(e)) {
            // statement_timeout (aftersales.db.statement-timeout): the work took too long this time; nothing was changed.
            LOG.warnf("Statement cancelled by statement_timeout on %s", uri.getPath());
            return respond(locale, 503, "statement_timeout", uri, List.of(), Map.of()).header("Retry-After", "30").build();
        }
        if (DatabaseErrors.lostRace(e)) {
            return respond(locale, 409, "retry_conflict", uri, List.of(), Map.of()).header("Retry-After", "1").build();
        }
        Optional<String> state = DatabaseErrors.sqlState(e);
        if (state.isPresent()) {
            if ("23505".equals(state.get())) {
                return respond(locale, 409, "duplicate", uri, List.of(), Map.of()).build();
            }
            if (state.get().startsWith("22")) {
                // Data the database cannot take although the request passed validation: a NUL character, a number
                // beyond a column's range, an impossible date. The request's fault, so 400, and nothing was stored.
                // Logged by SQLState and constraint only: the message names the value refused.
                LOG.infof("Value refused by the database (%s)", DatabaseErrors.describe(e).orElse(state.get()));
                return respond(locale, 400, "invalid_value", uri, List.of(), Map.of()).build();
            }
            if ("23503".equals(state.get())) {
                // A reference to a record that does not exist (or was removed meanwhile), e.g. a customer account whose
                // customer is gone: the client's data, not a server fault.
                return respond(locale, 409, "missing_reference", uri, List.of(), Map.of()).build();
            }
        }
        // A database failure is logged by SQLState and constraint, never with its message (row contents).
        LOG.errorf(DatabaseErrors.loggable(e), "Unexpected error [correlationId=%s]", CorrelationId.current());
        return respond(locale, 500, "internal_error", uri, List.of(), Map.of()).build();
    }

    private Response unauthorized(HttpHeaders headers, UriInfo uri) {
        Locale locale = Messages.choose(headers.getAcceptableLanguages());
        return respond(locale, 401, "unauthorized", uri, List.of(), Map.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** Most field errors one problem lists; the rest are counted in "errorCount" (a huge invalid array stays small). */
    static final int MAX_ERRORS = 100;

    static Response.ResponseBuilder respond(Locale locale, int status, String code, UriInfo uri,
                                            List<Problem.FieldError> errors, Map<String, Object> properties, Object... args) {
        if (errors != null && errors.size() > MAX_ERRORS) {
            Map<String, Object> counted = new java.util.LinkedHashMap<>(properties == null ? Map.of() : properties);
            counted.put("errorCount", errors.size());
            return respond(locale, status, code, uri, errors.subList(0, MAX_ERRORS), counted, args);
        }
        Problem problem = new Problem(
                "urn:problem:aftersales:" + code,
                Messages.text(locale, "problem." + code + ".title"),
                status,
                Messages.has("problem." + code + ".detail") ? Messages.text(locale, "problem." + code + ".detail", args) : null,
                uri == null ? null : uri.getRequestUri().getRawPath(),
                CorrelationId.current(),
                errors == null || errors.isEmpty() ? null : errors,
                properties == null || properties.isEmpty() ? null : properties);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .entity(problem);
    }

    private static Optional<Kind> classify(Throwable e) {
        for (Throwable t : DatabaseErrors.chain(e)) {
            for (Class<?> c = t.getClass(); c != null && Throwable.class.isAssignableFrom(c); c = c.getSuperclass()) {
                Kind kind = TABLE.get(c);
                if (kind != null) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }

    private static String field(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.RETURN_VALUE || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parts.clear();
                if (!isBodyParameter(node.getName())) {
                    parts.add(node.getName());
                }
                continue;
            }
            if (node.isInIterable() && !parts.isEmpty()) {
                Object index = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (index != null) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + index + "]");
                }
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                parts.add(node.getName());
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static boolean isBodyParameter(String name) {
        return "request".equals(name) || "body".equals(name);
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String enumValues(Class<?> type) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            values.add(((Enum<?>) constant).name());
        }
        return String.join(", ", values);
    }

    private static String typeName(JsonProcessingException e) {
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return simpleType(format.getTargetType());
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return simpleType(mismatch.getTargetType());
        }
        return "?";
    }

    private static String simpleType(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "YYYY-MM-DD";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true/false";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }
}
