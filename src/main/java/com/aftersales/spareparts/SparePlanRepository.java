package com.aftersales.spareparts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The SparePlan rows, for {@link SparePlans}. */
@ApplicationScoped
class SparePlanRepository implements PanacheRepositoryBase<SparePlan, UUID> {
}
