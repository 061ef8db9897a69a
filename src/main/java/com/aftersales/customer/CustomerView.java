package com.aftersales.customer;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record CustomerView(UUID id, String code, String name, CustomerType type, List<Contact> contacts,
                           long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static CustomerView of(Customer c) {
        return new CustomerView(c.id, c.code, c.name, c.type, List.copyOf(c.contacts), c.version, c.createdAt, c.updatedAt);
    }
}
