package com.aftersales.spareparts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The Quote rows, for {@link Quotes}. */
@ApplicationScoped
class QuoteRepository implements PanacheRepositoryBase<Quote, UUID> {
}
