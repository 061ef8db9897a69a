package com.aftersales.returns;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** NTF rate (未发现故障率) of judged returned units by customer, product model or month: one grouped query. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class NtfRates {

    public enum GroupBy { CUSTOMER, MODEL, MONTH }

    @RegisterForReflection
    public record Row(String group, long judged, long ntf, BigDecimal ntfRate) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public List<Row> rates(GroupBy groupBy, LocalDate from, LocalDate to, UUID customerScope) {
        String key = switch (groupBy) {
            case CUSTOMER -> "cu.code";
            case MODEL -> "u.product_model";
            // Months of the business zone (aftersales.zone), like the period bounds below.
            case MONTH -> "to_char(ru.judged_at at time zone cast(?4 as text), 'YYYY-MM')";
        };
        ZoneId zone = clock.getZone();
        Query query = em.createNativeQuery("select " + key + " as grp, count(*) as judged, "
                        + "count(*) filter (where ru.verdict = 'NTF') as ntf "
                        + "from return_unit ru join unit u on u.id = ru.unit_id join customer cu on cu.id = u.customer_id "
                        + "where ru.verdict is not null and ru.judged_at >= ?1 and ru.judged_at < ?2 "
                        + "and (cast(?3 as uuid) is null or u.customer_id = cast(?3 as uuid)) "
                        + "group by grp order by grp")
                .setParameter(1, from.atStartOfDay(zone).toOffsetDateTime())
                .setParameter(2, to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .setParameter(3, customerScope == null ? null : customerScope.toString());
        if (groupBy == GroupBy.MONTH) {
            query.setParameter(4, zone.getId());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> {
            long judged = ((Number) r[1]).longValue();
            long ntf = ((Number) r[2]).longValue();
            return new Row((String) r[0], judged, ntf,
                    BigDecimal.valueOf(ntf).divide(BigDecimal.valueOf(judged), 4, RoundingMode.HALF_UP));
        }).toList();
    }
}
