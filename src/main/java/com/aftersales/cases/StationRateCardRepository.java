package com.aftersales.cases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The station_rate_card rows (and, by SQL, their station_rate rows), for {@link StationRateCards}. */
@ApplicationScoped
class StationRateCardRepository implements PanacheRepositoryBase<StationRateCard, UUID> {
}
