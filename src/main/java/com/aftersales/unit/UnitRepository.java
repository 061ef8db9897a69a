package com.aftersales.unit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The unit rows; other areas ask {@link UnitRegistry}. */
@ApplicationScoped
class UnitRepository implements PanacheRepositoryBase<Unit, UUID> {
}
