package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The case_cost rows, for {@link CaseCosts}. */
@ApplicationScoped
class CaseCostRepository implements PanacheRepositoryBase<CaseCost, UUID> {
}
