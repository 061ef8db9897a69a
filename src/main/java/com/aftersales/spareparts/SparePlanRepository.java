package com.aftersales.spareparts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The SparePlans.SparePlan rows, for {@link SparePlans}. */
@ApplicationScoped
class SparePlanRepository implements PanacheRepositoryBase<SparePlans.SparePlan, UUID> {
}
