package com.aftersales.warranty;

import com.aftersales.shared.error.Messages;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.unit.ProductLine;
import com.aftersales.unit.SerialNo;
import com.aftersales.unit.SoftwareVersion;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Looks up a unit's entitlement: reads the facts in one statement (no entity), lets {@link EntitlementPolicy} decide.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Entitlements {

    /**
     * What the policy needs about one unit, read together: the unit (the unit area's read model {@code unit_record}),
     * its customer's warranty terms for its product line and the service contracts that customer signed for it (a
     * contract signed by the unit's former customer does not cover the new one); for a replacement, the first unit of
     * its replacement chain with that unit's customer's terms for its line (null otherwise).
     */
    public record Facts(UUID unitId, UUID customerId, EntitlementPolicy.UnitFacts unit, List<EntitlementPolicy.Term> terms,
                        List<EntitlementPolicy.Contract> contracts, EntitlementPolicy.Original original,
                        List<SoftwareVersion> software) {
    }

    /**
     * Terms and contracts as JSON arrays of positional values, so that one row carries all of them. One unit is selected
     * by {@code serial_no = ?}, several by {@code serial_no = any(?)}: PostgreSQL estimates an array parameter at ten
     * rows, so for {@code any(?)} its generic plan never looks cheaper than a custom one and the prepared statement is
     * planned again at every execution (a quarter of a millisecond of the database's CPU, two thirds of a lookup's; seen
     * in bench/ablation.sh and pgbench), while {@code = ?} on the unique serial gets its generic plan after five uses.
     * A replacement's original (issue 20) is one primary-key join; its terms are read only when there is one (CASE).
     */
    static final String FACTS_SELECT = """
            select u.id, u.serial_no, u.customer_id, u.product_line, u.delivery_date, u.first_sale_date,
                   (select cast(json_agg(json_build_array(t.id, t.product_line, t.months, t.mileage_km, t.operating_hours,
                                                          t.start_basis, t.effective_from, t.effective_to,
                                                          t.replacement_warranty)
                                         order by t.effective_from) as text)
                    from warranty_term t where t.customer_id = u.customer_id and t.product_line = u.product_line) as terms,
                   (select cast(json_agg(json_build_array(c.id, c.contract_no, c.start_date, c.end_date, c.mileage_limit_km,
                                                          c.status, c.activation_rule, c.paid_on)
                                         order by c.start_date, c.contract_no) as text)
                    from service_contract c where c.unit_id = u.id and c.customer_id = u.customer_id) as contracts,
                   (select cast(json_agg(json_build_array(s.component, s.version, s.updated_at) order by s.component) as text)
                    from unit_software_version s where s.unit_id = u.id) as software,
                   o.serial_no, o.product_line, o.delivery_date, o.first_sale_date,
                   case when o.id is not null then
                   (select cast(json_agg(json_build_array(t.id, t.product_line, t.months, t.mileage_km, t.operating_hours,
                                                          t.start_basis, t.effective_from, t.effective_to,
                                                          t.replacement_warranty)
                                         order by t.effective_from) as text)
                    from warranty_term t where t.customer_id = o.customer_id and t.product_line = o.product_line) end
                   as original_terms
            from unit_record u left join unit_record o on o.id = u.warranty_origin_unit_id
            """;
    static final String FACTS_ONE = FACTS_SELECT + "where u.serial_no = ?";
    static final String FACTS = FACTS_SELECT + "where u.serial_no = any(?)";

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /**
     * The facts of the units with these (normalised) serial numbers, whoever's they are (the caller checks whose they
     * are), by serial number; unknown serials are left out. One statement for any number of units.
     */
    public Map<String, Facts> facts(Collection<String> serials) {
        // Plain JDBC on the session's connection (the transaction's, where there is one): Hibernate's native query path
        // resolved the result types from the JDBC metadata at every execution, 18 % of a lookup's CPU (JFR).
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<String, Facts> facts = new HashMap<>();
            boolean one = serials.size() == 1;
            try (PreparedStatement statement = c.prepareStatement(one ? FACTS_ONE : FACTS)) {
                if (one) {
                    statement.setString(1, serials.iterator().next());
                } else {
                    statement.setArray(1, c.createArrayOf("text", serials.toArray()));
                }
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        String serial = r.getString(2);
                        facts.put(serial, new Facts(r.getObject(1, UUID.class), r.getObject(3, UUID.class),
                                new EntitlementPolicy.UnitFacts(serial, ProductLine.valueOf(r.getString(4)),
                                        r.getObject(5, LocalDate.class), r.getObject(6, LocalDate.class)),
                                terms(r.getString(7)), contracts(r.getString(8)), original(r), software(r.getString(9))));
                    }
                }
            }
            return facts;
        });
    }

    public EntitlementPolicy.Decision decide(Facts facts, LocalDate date, Integer mileageKm, Integer operatingHours) {
        return EntitlementPolicy.decide(facts.unit(), facts.original(), facts.terms(), facts.contracts(), date, mileageKm,
                operatingHours);
    }

    /**
     * One statement for the unit, its terms and its contracts (one snapshot, so no transaction around it: no BEGIN and
     * COMMIT round trips); 404 for a unit the caller may not see.
     */
    public EntitlementView lookUp(SerialNo serialNo, LocalDate date, Integer mileageKm, Integer operatingHours,
                                  Locale locale) {
        Facts facts = facts(List.of(serialNo.value())).get(serialNo.value());
        // Unknown and foreign serials get the same answer: a customer account learns nothing about other customers.
        if (facts == null || !caller.maySee(facts.customerId())) {
            throw ProblemException.notFound("unit", serialNo.value());
        }
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        return view(facts.unit().serialNo(), day, mileageKm, operatingHours, decide(facts, day, mileageKm, operatingHours),
                locale, facts.software());
    }

    static EntitlementView view(String serialNo, LocalDate day, Integer mileageKm, Integer operatingHours,
                                EntitlementPolicy.Decision d, Locale locale) {
        return view(serialNo, day, mileageKm, operatingHours, d, locale, null);
    }

    /** The answer for one decision, its reasons in the caller's language (also run by {@link EntitlementPrimer}). */
    static EntitlementView view(String serialNo, LocalDate day, Integer mileageKm, Integer operatingHours,
                                EntitlementPolicy.Decision d, Locale locale, List<SoftwareVersion> software) {
        List<EntitlementView.ReasonView> reasons = d.reasons().stream()
                .map(r -> new EntitlementView.ReasonView(r.code(),
                        Messages.text(locale, "entitlement." + r.code(), r.args().stream()
                                .map(a -> a instanceof ProductLine line ? Messages.code(locale, "product_line", line) : a).toArray())))
                .toList();
        String reason = String.join(locale.getLanguage().equals("en") ? "; " : "；",
                reasons.stream().map(EntitlementView.ReasonView::text).toList());
        return new EntitlementView(serialNo, day, mileageKm, operatingHours, d.regime(), d.validUntil(),
                d.remainingMileageKm(), d.remainingOperatingHours(), d.decidedBy(), d.warrantyStart(), d.warrantyEnd(),
                reason, reasons, software);
    }

    private EntitlementPolicy.Original original(ResultSet r) throws SQLException {
        String serial = r.getString(10);
        return serial == null ? null : new EntitlementPolicy.Original(new EntitlementPolicy.UnitFacts(serial,
                ProductLine.valueOf(r.getString(11)), r.getObject(12, LocalDate.class), r.getObject(13, LocalDate.class)),
                terms(r.getString(14)));
    }

    private List<EntitlementPolicy.Term> terms(String array) {
        List<EntitlementPolicy.Term> terms = new ArrayList<>();
        for (JsonNode t : parse(array)) {
            terms.add(new EntitlementPolicy.Term(UUID.fromString(t.get(0).asText()), ProductLine.valueOf(t.get(1).asText()),
                    integer(t.get(2)), integer(t.get(3)), integer(t.get(4)), StartBasis.valueOf(t.get(5).asText()),
                    date(t.get(6)), date(t.get(7)), ReplacementWarranty.valueOf(t.get(8).asText())));
        }
        return terms;
    }

    private List<EntitlementPolicy.Contract> contracts(String array) {
        List<EntitlementPolicy.Contract> contracts = new ArrayList<>();
        for (JsonNode c : parse(array)) {
            contracts.add(new EntitlementPolicy.Contract(UUID.fromString(c.get(0).asText()), c.get(1).asText(),
                    date(c.get(2)), date(c.get(3)), integer(c.get(4)),
                    ServiceContract.Status.valueOf(c.get(5).asText()) == ServiceContract.Status.ACTIVE,
                    ActivationRule.valueOf(c.get(6).asText()), date(c.get(7))));
        }
        return contracts;
    }

    private List<SoftwareVersion> software(String array) {
        List<SoftwareVersion> versions = new ArrayList<>();
        for (JsonNode s : parse(array)) {
            versions.add(new SoftwareVersion(s.get(0).asText(), s.get(1).asText(), java.time.OffsetDateTime.parse(s.get(2).asText())
                    .atZoneSameInstant(clock.getZone()).toOffsetDateTime()));
        }
        return versions;
    }

    private JsonNode parse(String array) {
        if (array == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Entitlement facts are not JSON", e);
        }
    }

    private static Integer integer(JsonNode value) {
        return value.isNull() ? null : value.asInt();
    }

    private static LocalDate date(JsonNode value) {
        return value.isNull() ? null : LocalDate.parse(value.asText());
    }
}
