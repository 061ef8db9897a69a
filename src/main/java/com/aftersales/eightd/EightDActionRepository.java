package com.aftersales.eightd;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The EightDAction rows, for {@link EightDActions}. */
@ApplicationScoped
class EightDActionRepository implements PanacheRepositoryBase<EightDAction, UUID> {
}
