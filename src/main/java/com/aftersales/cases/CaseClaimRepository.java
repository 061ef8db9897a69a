package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The case_claim rows, for {@link CaseClaims}. */
@ApplicationScoped
class CaseClaimRepository implements PanacheRepositoryBase<CaseClaim, UUID> {
}
