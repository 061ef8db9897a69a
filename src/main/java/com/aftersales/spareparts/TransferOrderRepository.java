package com.aftersales.spareparts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The TransferOrder rows, for {@link TransferOrders}. */
@ApplicationScoped
class TransferOrderRepository implements PanacheRepositoryBase<TransferOrder, UUID> {
}
