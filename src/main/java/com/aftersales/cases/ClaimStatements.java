package com.aftersales.cases;

import com.aftersales.customer.CustomerRegistry;
import com.aftersales.customer.CustomerView;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The monthly claim settlement statement (索赔结算单) of a customer: the claims settled in the month (by their settlement
 * date, a business date), each with its case, units, claimed and agreed amounts per category and the settled amount,
 * and the month's totals. A customer account reads only its own (another customer's: 404).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ClaimStatements {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    @RegisterForReflection
    public record ClaimCategoryAmounts(CaseClaim.Category category,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal claimedCny,
                                  @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal agreedCny) {
    }

    @RegisterForReflection
    public record ClaimStatementRow(UUID caseId, String caseNo, List<String> serialNos, CaseClaim.SettlementKind kind,
                                 String reference, LocalDate settledOn, List<ClaimCategoryAmounts> categories,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal claimedCny,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal agreedCny,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal settledCny) {
    }

    @RegisterForReflection
    public record ClaimStatement(UUID customerId, String customerCode, String customerName, String month,
                            List<ClaimStatementRow> claims, List<ClaimCategoryAmounts> categories,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal claimedCny,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal agreedCny,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal settledCny) {
    }

    @Inject
    CustomerRegistry customers;

    @Inject
    EntityManager em;

    public ClaimStatement statement(UUID customerId, YearMonth month) {
        CustomerView customer = customers.visible(customerId, LockModeType.NONE);
        // One row per settled claim and category, summed in the database; the units of each case beside it.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select sc.id, sc.case_no, c.settlement_kind, c.settlement_ref, c.settled_on, c.settled_cny,
                               l.category, sum(l.claimed_cny), sum(coalesce(l.agreed_cny, 0)),
                               (select coalesce(string_agg(u.serial_no, ',' order by u.serial_no), '')
                                  from case_unit u where u.case_id = sc.id)
                          from case_claim c
                          join service_case sc on sc.id = c.case_id
                          join case_claim_line l on l.claim_id = c.id
                         where sc.customer_id = ?1 and c.status = 'SETTLED' and c.settled_on >= ?2 and c.settled_on < ?3
                         group by sc.id, sc.case_no, c.settlement_kind, c.settlement_ref, c.settled_on, c.settled_cny, l.category
                         order by c.settled_on, sc.case_no""")
                .setParameter(1, customer.id())
                .setParameter(2, month.atDay(1))
                .setParameter(3, month.plusMonths(1).atDay(1))
                .getResultList();
        Map<UUID, List<Object[]>> byCase = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byCase.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add(row);
        }
        List<ClaimStatementRow> claims = new ArrayList<>();
        Map<CaseClaim.Category, BigDecimal[]> totals = new EnumMap<>(CaseClaim.Category.class);
        BigDecimal settled = ZERO;
        for (List<Object[]> caseRows : byCase.values()) {
            Object[] first = caseRows.get(0);
            Map<CaseClaim.Category, BigDecimal[]> amounts = new EnumMap<>(CaseClaim.Category.class);
            for (Object[] row : caseRows) {
                CaseClaim.Category category = CaseClaim.Category.valueOf((String) row[6]);
                BigDecimal[] pair = {money(row[7]), money(row[8])};
                amounts.put(category, pair);
                BigDecimal[] total = totals.computeIfAbsent(category, k -> new BigDecimal[]{ZERO, ZERO});
                total[0] = total[0].add(pair[0]);
                total[1] = total[1].add(pair[1]);
            }
            List<ClaimCategoryAmounts> categories = categories(amounts);
            String serials = (String) first[9];
            BigDecimal settledCny = money(first[5]);
            settled = settled.add(settledCny);
            claims.add(new ClaimStatementRow((UUID) first[0], (String) first[1],
                    serials.isEmpty() ? List.of() : Arrays.asList(serials.split(",")),
                    CaseClaim.SettlementKind.valueOf((String) first[2]), (String) first[3], toLocalDate(first[4]), categories,
                    sum(categories, true), sum(categories, false), settledCny));
        }
        List<ClaimCategoryAmounts> categories = categories(totals);
        return new ClaimStatement(customer.id(), customer.code(), customer.name(), month.toString(), claims, categories,
                sum(categories, true), sum(categories, false), settled);
    }

    private static List<ClaimCategoryAmounts> categories(Map<CaseClaim.Category, BigDecimal[]> amounts) {
        return amounts.entrySet().stream()
                .map(e -> new ClaimCategoryAmounts(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    private static BigDecimal sum(List<ClaimCategoryAmounts> categories, boolean claimed) {
        return categories.stream().map(c -> claimed ? c.claimedCny() : c.agreedCny()).reduce(ZERO, BigDecimal::add);
    }

    private static BigDecimal money(Object value) {
        return ((BigDecimal) value).setScale(2);
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
