package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The gm_delegation rows, for {@link GmDelegations}. */
@ApplicationScoped
class GmDelegationRepository implements PanacheRepositoryBase<GmDelegation, UUID> {
}
