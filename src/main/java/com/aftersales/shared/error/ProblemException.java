package com.aftersales.shared.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on. {@code code} names the problem type and its zh-CN / en texts
 * ({@code problem.<code>.title}, {@code problem.<code>.detail} in i18n/messages_*.properties); field issues
 * name a message key too, so everything is rendered in the caller's language.
 */
public class ProblemException extends RuntimeException {

    /** One invalid input: field (or CSV column), message key and its arguments, CSV line where it applies. */
    public record Issue(String field, String key, Object[] args, Integer line) {
        public static Issue of(String field, String key, Object... args) {
            return new Issue(field, key, args, null);
        }

        public static Issue atLine(int line, String field, String key, Object... args) {
            return new Issue(field, key, args, line);
        }
    }

    private final int status;
    private final String code;
    private final transient Object[] args;
    private final List<Issue> issues;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(int status, String code, List<Issue> issues, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.issues = issues;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not_found", what, id);
    }

    /** 422: the request is well-formed but a field breaks a rule. */
    public static ProblemException invalid(String field, String key, Object... args) {
        return new ProblemException(422, "validation_failed", List.of(Issue.of(field, key, args)));
    }

    /** 400: a query or path parameter cannot be read. */
    public static ProblemException badParameter(String field, String key, Object... args) {
        return new ProblemException(400, "invalid_parameter", List.of(Issue.of(field, key, args)), field);
    }

    /** A member of the problem document; a null value is left out, as every absent field of the API is. */
    public ProblemException with(String property, Object value) {
        if (value != null) {
            properties.put(property, value);
        }
        return this;
    }

    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }
    public String code() { return code; }
    public Object[] args() { return args; }
    public List<Issue> issues() { return issues; }
    public Map<String, Object> properties() { return properties; }
    public Map<String, String> headers() { return headers; }
}
