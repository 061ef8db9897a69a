package com.aftersales.warranty;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The ServiceContract rows, for {@link ServiceContracts}. */
@ApplicationScoped
class ServiceContractRepository implements PanacheRepositoryBase<ServiceContract, UUID> {
}
