package com.aftersales.returns;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class SupplierRecoveryRepository implements PanacheRepositoryBase<SupplierRecovery, UUID> {
}
