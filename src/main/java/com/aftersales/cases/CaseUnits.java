package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class CaseUnits implements PanacheRepositoryBase<CaseUnit, CaseUnit.Key> {
}
