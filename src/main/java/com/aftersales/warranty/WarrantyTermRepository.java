package com.aftersales.warranty;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The WarrantyTerm rows, for {@link WarrantyTerms}. */
@ApplicationScoped
class WarrantyTermRepository implements PanacheRepositoryBase<WarrantyTerm, UUID> {
}
