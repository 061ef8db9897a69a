package com.aftersales.cases;

import com.aftersales.shared.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A service station's rate card (结算标准): the header whose version is the card's ETag; its rates, by the day they apply
 * from, are rows of {@code station_rate} ({@link StationRateCards}).
 */
@Entity
@Table(name = "station_rate_card")
public class StationRateCard extends Versioned {

    @Id
    @Column(name = "station_id")
    UUID stationId;
}
