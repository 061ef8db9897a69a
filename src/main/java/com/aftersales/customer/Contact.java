package com.aftersales.customer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person at the customer to reach about cases, notices and follow-ups; notices are e-mailed in its language (zh-CN by
 * default). Every contact with an address gets the customer's notices by e-mail, except the moves of its cases
 * (CASE_STATUS_CHANGED), which only contacts with {@code caseUpdates} get (the customer accounts see them in-app).
 */
@RegisterForReflection
public record Contact(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 100) String position,
        @Size(max = 40) @Pattern(regexp = "[0-9+()\\- ]*", message = "{aftersales.phone}") String phone,
        @Size(max = 200) @Email String email,
        @Pattern(regexp = "zh-CN|en", message = "{aftersales.language}") String language,
        Boolean caseUpdates) {
}
