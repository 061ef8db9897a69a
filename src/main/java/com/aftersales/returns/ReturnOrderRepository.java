package com.aftersales.returns;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The ReturnOrder rows, for {@link Returns}. */
@ApplicationScoped
class ReturnOrderRepository implements PanacheRepositoryBase<ReturnOrder, UUID> {
}
