package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The case_claim_line rows, for {@link CaseClaims}. */
@ApplicationScoped
class CaseClaimLineRepository implements PanacheRepositoryBase<CaseClaimLine, UUID> {
}
