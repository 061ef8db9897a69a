package com.aftersales.customer;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The customer rows; other areas ask {@link CustomerRegistry}. */
@ApplicationScoped
class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {
}
