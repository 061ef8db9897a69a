package com.aftersales.spareparts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The SparePart rows, for {@link SpareParts}. */
@ApplicationScoped
class SparePartRepository implements PanacheRepositoryBase<SparePart, UUID> {
}
