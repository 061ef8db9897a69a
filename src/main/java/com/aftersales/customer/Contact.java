package com.aftersales.customer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A person at the customer to reach about cases, notices and follow-ups; notices are e-mailed in its language (zh-CN by default). */
@RegisterForReflection
public record Contact(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 100) String position,
        @Size(max = 40) @Pattern(regexp = "[0-9+()\\- ]*", message = "{aftersales.phone}") String phone,
        @Size(max = 200) @Email String email,
        @Pattern(regexp = "zh-CN|en", message = "{aftersales.language}") String language) {
}
