package com.aftersales.cases;

import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rate cards of service stations (结算标准): labour CNY per hour, travel allowance CNY per km and per day, each set of
 * rates from the day it applies. A station's fee line is priced by the rates in force on the day it was incurred; a line
 * above that figure is flagged for the after-sales manager ({@link CaseCosts}).
 */
@ApplicationScoped
@Transactional
public class StationRateCards {

    static final String AUDIT_TYPE = "station-rate-card";

    public record RateRequest(
            @NotNull LocalDate validFrom,
            @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourRateCny,
            @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelPerKmCny,
            @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelPerDayCny) {
    }

    /** The rates from one day on: labour per hour, travel per km and per day (CNY). */
    @RegisterForReflection
    public record Rates(LocalDate validFrom,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal labourRateCny,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelPerKmCny,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal travelPerDayCny,
                        String recordedBy) {
    }

    /** A station's card: the rates in force today (null: none yet) and the whole history, newest first. */
    @RegisterForReflection
    public record RateCardView(UUID stationId, Rates current, List<Rates> history, long version,
                               OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @Inject
    StationRateCardRepository cards;

    @Inject
    CustomerRegistry customers;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * Sets the rates from {@code validFrom} on (replacing those of the same day): {@code If-None-Match: *} for a station's
     * first card, its ETag afterwards. The customer must be a service station (409 otherwise).
     */
    public RateCardView put(@NotNull UUID stationId, @NotNull Versions.Put precondition, @NotNull @Valid RateRequest request) {
        customers.get(stationId);
        if (!customers.isServiceStation(stationId)) {
            throw new ProblemException(409, "customer_not_station");
        }
        StationRateCard card = cards.findById(stationId, LockModeType.PESSIMISTIC_WRITE);
        precondition.check(card == null ? null : card.version);
        RateCardView before = null;
        if (card == null) {
            card = new StationRateCard();
            card.stationId = stationId;
            cards.persistAndFlush(card);
        } else {
            before = view(card);
            // The header changes with every new set of rates, so its version (the card's ETag) moves on.
            card.updatedAt = OffsetDateTime.now(clock);
        }
        cards.getEntityManager().createNativeQuery("insert into station_rate (station_id, valid_from, labour_rate_cny, "
                        + "travel_per_km_cny, travel_per_day_cny, recorded_by) values (?1, ?2, ?3, ?4, ?5, ?6) "
                        + "on conflict (station_id, valid_from) do update set labour_rate_cny = excluded.labour_rate_cny, "
                        + "travel_per_km_cny = excluded.travel_per_km_cny, travel_per_day_cny = excluded.travel_per_day_cny, "
                        + "recorded_by = excluded.recorded_by")
                .setParameter(1, stationId).setParameter(2, request.validFrom())
                .setParameter(3, request.labourRateCny()).setParameter(4, request.travelPerKmCny())
                .setParameter(5, request.travelPerDayCny()).setParameter(6, caller.subject()).executeUpdate();
        cards.flush();
        cards.getEntityManager().refresh(card);
        RateCardView after = view(card);
        audit.record(AUDIT_TYPE, stationId, before == null ? "CREATE" : "RATES", before, after);
        return after;
    }

    /** A station's card: staff read any, a station account only its own (another's is 404, as is a station without one). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RateCardView get(@NotNull UUID stationId) {
        if (caller.isStationAccount() && !caller.stationScope().equals(stationId)) {
            throw ProblemException.notFound("rate-card", stationId);
        }
        StationRateCard card = cards.findByIdOptional(stationId)
                .orElseThrow(() -> ProblemException.notFound("rate-card", stationId));
        return view(card);
    }

    /**
     * What the station's card allows for a line incurred on a day: labour hours × rate; travel km × per-km + days ×
     * per-day; a service-station fee all of them. Empty without rates in force on that day, and for parts (never priced).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<BigDecimal> figure(UUID stationId, CaseCost.Category category, LocalDate incurredOn, BigDecimal labourHours,
                                BigDecimal travelKm, BigDecimal travelDays) {
        if (category == CaseCost.Category.PARTS) {
            return Optional.empty();
        }
        return inForce(stationId, incurredOn).map(r -> nz(labourHours).multiply(r.labourRateCny())
                .add(nz(travelKm).multiply(r.travelPerKmCny()))
                .add(nz(travelDays).multiply(r.travelPerDayCny()))
                .setScale(2, RoundingMode.HALF_UP));
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private Optional<Rates> inForce(UUID stationId, LocalDate day) {
        return rates(stationId, "and valid_from <= ?2 order by valid_from desc limit 1", day).stream().findFirst();
    }

    private RateCardView view(StationRateCard card) {
        List<Rates> history = rates(card.stationId, "order by valid_from desc", null);
        if (caller.isStationAccount()) {
            // The station reads its rates, not which staff accounts recorded them (internal, as on its fee lines).
            history = history.stream().map(r -> new Rates(r.validFrom(), r.labourRateCny(), r.travelPerKmCny(),
                    r.travelPerDayCny(), null)).toList();
        }
        LocalDate today = LocalDate.now(clock);
        Rates current = history.stream().filter(r -> !r.validFrom().isAfter(today)).findFirst().orElse(null);
        return new RateCardView(card.stationId, current, history, card.version, card.createdAt, card.updatedAt);
    }

    private List<Rates> rates(UUID stationId, String tail, LocalDate day) {
        var query = cards.getEntityManager().createNativeQuery("select valid_from, labour_rate_cny, travel_per_km_cny, "
                + "travel_per_day_cny, recorded_by from station_rate where station_id = ?1 " + tail).setParameter(1, stationId);
        if (day != null) {
            query.setParameter(2, day);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Rates(date(r[0]), ((BigDecimal) r[1]).setScale(2), ((BigDecimal) r[2]).setScale(2),
                ((BigDecimal) r[3]).setScale(2), (String) r[4])).toList();
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
