package com.aftersales.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What a client may set on a customer (never the id, version or timestamps). */
public record CustomerRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{2,32}", message = "{aftersales.customer.code}") String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull CustomerType type,
        @Size(max = 20) List<@Valid @NotNull Contact> contacts) {
}
