package com.aftersales.shared.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** An RFC 9457 problem details document, the body of every error response. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "correlationId", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, String correlationId,
                      List<FieldError> errors, @JsonAnyGetter Map<String, Object> properties) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: the field (JSON path, parameter or CSV line/column) and why. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
