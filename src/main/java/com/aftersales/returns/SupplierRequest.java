package com.aftersales.returns;

import com.aftersales.customer.Contact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What a client may set on a supplier (never the id, version or timestamps); active defaults to true. */
public record SupplierRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{2,32}", message = "{aftersales.supplier.code}") String code,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 20) List<@Valid @NotNull Contact> contacts,
        Boolean active) {
}
