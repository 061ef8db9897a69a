package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The field_visit rows, for {@link FieldVisits}. */
@ApplicationScoped
class FieldVisitRepository implements PanacheRepositoryBase<FieldVisit, UUID> {
}
