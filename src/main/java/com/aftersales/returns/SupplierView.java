package com.aftersales.returns;

import com.aftersales.customer.Contact;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A supplier as staff read it (supplier data is internal: no customer or station account sees it). */
@RegisterForReflection
public record SupplierView(UUID id, String code, String name, List<Contact> contacts, boolean active, long version,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static SupplierView of(Supplier s) {
        return new SupplierView(s.id, s.code, s.name, List.copyOf(s.contacts), s.active, s.version, s.createdAt, s.updatedAt);
    }
}
