package com.aftersales.retention;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.storage.ObjectStore;
import com.aftersales.shared.web.CorrelationId;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.unit.SerialNo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Record retention: a unit's records are kept until 31 December of the year after its product life ends
 * ({@code aftersales_kept_until} in the database, product life per model, '*' the default), and longer while a recall's
 * legal hold covers the unit. After that, personal data is removed (anonymised) from the unit and from the cases all of
 * whose units are past retention; a finished case without units is kept as a unit delivered the day it finished would be
 * (the default product life '*'). The records themselves stay for the quality center's statistics. Audited.
 */
@ApplicationScoped
public class Retention {

    @RegisterForReflection
    public record ProductLife(String productModel, int lifeYears, String updatedBy, OffsetDateTime updatedAt, long version) {
    }

    @RegisterForReflection
    public record LifeRequest(@NotNull @Min(1) @Max(50) Integer lifeYears) {
    }

    /** A unit's retention: kept until, held until (recall legal hold), and the first day its data may be removed. */
    @RegisterForReflection
    public record UnitRetention(String serialNo, String productModel, LocalDate keptUntil, LocalDate heldUntil,
                                LocalDate removableFrom, OffsetDateTime anonymisedAt, long version) {
    }

    @RegisterForReflection
    public record Purge(LocalDate asOf, int units, int cases) {
    }

    static final String AUDIT_TYPE = "product-life";

    /**
     * The last day a unit's records are kept; a unit never delivered counts from the day it was recorded in the business
     * zone (the zone id is bind parameter {@code ?n}).
     */
    static String keptUntil(int zoneParameter) {
        return "aftersales_kept_until(coalesce(u.delivery_date, cast(u.created_at at time zone cast(?" + zoneParameter
                + " as text) as date)), u.product_model)";
    }

    /** Units past retention and not held on a date (?1); the business zone is ?{@code zoneParameter}. */
    static String expired(int zoneParameter) {
        return """
                select u.id, u.serial_no, u.product_model, u.version, %1$s as kept_until
                from unit u
                where u.anonymised_at is null
                  and %1$s < ?1
                  and not exists (select 1 from recall_unit ru join recall_campaign rc on rc.id = ru.campaign_id
                                  where ru.unit_id = u.id and (rc.hold_until is null or rc.hold_until >= ?1))""".formatted(keptUntil(zoneParameter));
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    ObjectStore store;

    @Inject
    AftersalesConfig config;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProductLife> lives() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select product_model, life_years, updated_by, updated_at, version "
                + "from product_model_life order by product_model").getResultList();
        return rows.stream().map(r -> new ProductLife((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                SqlValues.offsetDateTime(r[3]), ((Number) r[4]).longValue())).toList();
    }

    /** One model's product life ('*': the default), with its version for If-Match. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProductLife life(String model) {
        String key = model == null ? "" : model.strip();
        return lives().stream().filter(l -> l.productModel().equals(key)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("product-life", key));
    }

    /** Sets a model's product life ('*': the default). Changes every retention date of the model's units. */
    @Transactional
    public ProductLife setLife(String model, @NotNull Versions.Put precondition, @NotNull @Valid LifeRequest request) {
        String key = model == null ? "" : model.strip();
        if (key.isEmpty() || key.length() > 100) {
            throw ProblemException.badParameter("productModel", "validation.required");
        }
        // The model's row under a lock: If-Match must name its version; If-None-Match: * only creates one.
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from product_model_life where product_model = ?1 for update")
                .setParameter(1, key).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)).longValue());
        ProductLife before = lives().stream().filter(l -> l.productModel().equals(key)).findFirst().orElse(null);
        int written = em.createNativeQuery(before == null ? """
                        insert into product_model_life (product_model, life_years, updated_by, updated_at) values (?1, ?2, ?3, ?4)
                        on conflict (product_model) do nothing""" : """
                        update product_model_life set life_years = ?2, updated_by = ?3, updated_at = ?4, version = version + 1
                        where product_model = ?1""")
                .setParameter(1, key).setParameter(2, request.lifeYears()).setParameter(3, caller.subject())
                .setParameter(4, OffsetDateTime.now(clock)).executeUpdate();
        if (written == 0) {
            // Created by someone else since the lock found nothing: this If-None-Match: * no longer holds.
            throw new ProblemException(412, "record_exists");
        }
        ProductLife after = lives().stream().filter(l -> l.productModel().equals(key)).findFirst().orElseThrow();
        audit.record(AUDIT_TYPE, key, before == null ? "CREATE" : "UPDATE", before, after);
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitRetention unit(SerialNo serialNo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select u.serial_no, u.product_model, %s,
                               (select max(coalesce(rc.hold_until, date '9999-12-31')) from recall_unit ru
                                join recall_campaign rc on rc.id = ru.campaign_id where ru.unit_id = u.id),
                               u.anonymised_at, u.version
                        from unit u where u.serial_no = ?1""".formatted(keptUntil(2)))
                .setParameter(1, serialNo.value()).setParameter(2, clock.getZone().getId()).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("unit", serialNo.value());
        }
        Object[] r = rows.get(0);
        LocalDate kept = (LocalDate) r[2];
        LocalDate held = (LocalDate) r[3];
        LocalDate last = held != null && held.isAfter(kept) ? held : kept;
        return new UnitRetention((String) r[0], (String) r[1], kept, held,
                last.equals(LocalDate.MAX) || last.getYear() == 9999 ? null : last.plusDays(1), SqlValues.offsetDateTime(r[4]),
                ((Number) r[5]).longValue());
    }

    /** Units whose data may be removed on a date, oldest retention first (at most 200), and how many there are. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnitRetention> expired(LocalDate asOf) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select serial_no, product_model, kept_until, version from (" + expired(2)
                        + ") e order by kept_until, serial_no limit 200").setParameter(1, asOf)
                .setParameter(2, clock.getZone().getId()).getResultList();
        return rows.stream().map(r -> new UnitRetention((String) r[0], (String) r[1], (LocalDate) r[2], null,
                ((LocalDate) r[2]).plusDays(1), null, ((Number) r[3]).longValue())).toList();
    }

    /**
     * Removes one unit's personal data now (ADMIN, "delete" through the API): 409 with the date it may go while its
     * retention or a legal hold runs.
     */
    @Transactional
    public UnitRetention erase(SerialNo serialNo, long expectedVersion) {
        // The unit's row under a lock: the erasure is based on the version the caller read (If-Match).
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from unit where serial_no = ?1 for update")
                .setParameter(1, serialNo.value()).getResultList();
        if (current.isEmpty()) {
            throw ProblemException.notFound("unit", serialNo.value());
        }
        Versions.check(((Number) current.get(0)).longValue(), expectedVersion);
        UnitRetention r = unit(serialNo);
        LocalDate today = LocalDate.now(clock);
        if (r.anonymisedAt() == null && (r.removableFrom() == null || today.isBefore(r.removableFrom()))) {
            throw new ProblemException(409, "retention_active", r.removableFrom() == null ? "-" : r.removableFrom())
                    .with("keptUntil", r.keptUntil()).with("heldUntil", r.heldUntil()).with("removableFrom", r.removableFrom());
        }
        anonymise(today, r.serialNo(), caller.subject());
        return unit(serialNo);
    }

    /** The retention job: everything past retention and not held on a date, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Purge purge(LocalDate asOf, String actor) {
        return anonymise(asOf, null, actor, OffsetDateTime.now(clock).minus(config.idempotency().retention()));
    }

    /** What stands in for removed free text in a column that must not be empty. */
    static final String REDACTED = "（已匿名）";

    private Purge anonymise(LocalDate asOf, String serialNo, String actor) {
        return anonymise(asOf, serialNo, actor, null);
    }

    /**
     * One statement removes the personal data of the units past retention and of their fully expired cases from every
     * place it can sit (the columns listed in docs/security.md, "What the purge removes"): the unit, the case, its
     * timeline (texts and message arguments), gate waivers, visits, costs, follow-ups, returns and their tests, the 8D
     * reports all of whose cases are expired, the notices about them (inbox and outbox), and the stored idempotent
     * responses that copied them (kept as keys, without the response, so a replay runs nothing again); a second statement
     * of the same transaction redacts the audit trail's copies ({@code aftersales_redact_audit}, run with the schema
     * owner's rights: the application only appends to the audit log); the attachments' rows go and then their objects
     * with every version. The job also finishes cases that the purge before V35 anonymised (title still there), once.
     * With {@code idempotencyBefore}, stored
     * idempotent responses older than that go as well (their own retention, aftersales.idempotency.retention).
     */
    private Purge anonymise(LocalDate asOf, String serialNo, String actor, OffsetDateTime idempotencyBefore) {
        Object[] r = (Object[]) em.createNativeQuery("with expired as (" + expired(6) + """
                          and (cast(?2 as text) is null or u.serial_no = ?2)
                          for update of u
                        ), units as (
                            update unit u set vin = null, end_customer = null, anonymised_at = ?5, version = u.version + 1,
                                              updated_at = ?5
                            from expired e where u.id = e.id
                            returning u.id, u.serial_no, e.kept_until
                        ), cases as (
                            update service_case c set reporter_name = ?8, reporter_phone = null, reporter_email = null,
                                                      description = ?8, title = ?8,
                                                      major_reason = case when c.major_reason is null then null else ?8 end,
                                                      action_plan = case when c.action_plan is null then null else ?8 end,
                                                      anonymised_at = ?5, version = c.version + 1, updated_at = ?5
                            where c.anonymised_at is null
                              and (exists (select 1 from case_unit cu join units x on x.id = cu.unit_id where cu.case_id = c.id)
                                   and not exists (select 1 from case_unit cu join unit u2 on u2.id = cu.unit_id
                                                   where cu.case_id = c.id and u2.anonymised_at is null
                                                     and u2.id not in (select id from units))
                                   -- A case without units (a complaint about service, a service request): the job
                                   -- removes its data once the default product life and a calendar year have passed
                                   -- since it was finished, as a unit delivered that day would be.
                                   or cast(?2 as text) is null and c.status in ('CLOSED', 'REJECTED')
                                      and not exists (select 1 from case_unit cu where cu.case_id = c.id)
                                      and aftersales_kept_until(cast(coalesce(c.closed_at, c.updated_at) at time zone cast(?6 as text)
                                                                     as date), '*') < ?1)
                            returning c.id, c.case_no
                        ), backlog as (
                            -- Cases the purge before V35 anonymised (their title still stands): the rest now, once.
                            update service_case c set title = ?8,
                                                      major_reason = case when c.major_reason is null then null else ?8 end,
                                                      action_plan = case when c.action_plan is null then null else ?8 end,
                                                      version = c.version + 1, updated_at = ?5
                            where cast(?2 as text) is null and c.anonymised_at is not null and c.title <> ?8
                            returning c.id, c.case_no
                        ), purged as (
                            select id, case_no from cases union all select id, case_no from backlog
                        ), purged_units as (
                            select serial_no from units
                            union select cu.serial_no from case_unit cu join backlog b on b.id = cu.case_id
                        ), events as (
                            update case_event ev set text = case when ev.text is null then null else ?8 end, text_args = null,
                                                     text_key = null
                            from purged c where ev.case_id = c.id and (ev.text is not null or ev.text_args is not null)
                            returning 1
                        ), waivers as (
                            update case_gate_waiver w set reason = ?8 from purged c where w.case_id = c.id
                            returning 1
                        ), visits as (
                            update field_visit v set site = ?8,
                                                     travel_comment = case when v.travel_comment is null then null else ?8 end,
                                                     work_done = case when v.work_done is null then null else ?8 end,
                                                     result = case when v.result is null then null else ?8 end,
                                                     cancel_reason = case when v.cancel_reason is null then null else ?8 end,
                                                     confirmed_by_name = case when v.confirmed_by_name is null then null else ?8 end,
                                                     version = v.version + 1, updated_at = ?5
                            from purged c where v.case_id = c.id
                            returning 1
                        ), costs as (
                            update case_cost k set description = ?8,
                                                   decision_comment = case when k.decision_comment is null then null else ?8 end,
                                                   version = k.version + 1, updated_at = ?5
                            from purged c where k.case_id = c.id
                            returning 1
                        ), followups as (
                            update follow_up f set comments = null, version = f.version + 1, updated_at = ?5
                            from purged c where f.case_id = c.id and f.comments is not null
                            returning 1
                        ), return_orders as (
                            update return_order o set reason = ?8, version = o.version + 1, updated_at = ?5
                            from purged c where o.case_id = c.id
                            returning o.id
                        ), return_tests as (
                            update return_test t set conditions = case when t.conditions is null then null else ?8 end,
                                                     measured = case when t.measured is null then null else ?8 end
                            from return_orders o where t.return_id = o.id
                            returning 1
                        ), reports as (
                            select distinct e.report_id from eight_d_case e join purged c on c.id = e.case_id
                            where not exists (select 1 from eight_d_case e2 join service_case s on s.id = e2.case_id
                                              where e2.report_id = e.report_id and s.anonymised_at is null
                                                and s.id not in (select id from purged))
                        ), eight_d as (
                            update eight_d_report d set title = ?8, d2 = null, d7 = null,
                                                        d4_occurrence = case when d.d4_occurrence is null then null else ?8 end,
                                                        d4_escape = case when d.d4_escape is null then null else ?8 end,
                                                        d6_verification = case when d.d6_verification is null then null else ?8 end,
                                                        summary = case when d.summary is null then null else ?8 end,
                                                        version = d.version + 1, updated_at = ?5
                            from reports x where d.id = x.report_id
                            returning 1
                        ), eight_d_disciplines as (
                            update eight_d_discipline d set content = case when d.content is null then null else ?8 end,
                                                            evidence = '[]', version = d.version + 1
                            from reports x where d.report_id = x.report_id
                            returning 1
                        ), eight_d_actions as (
                            update eight_d_action a set description = ?8,
                                                        effectiveness = case when a.effectiveness is null then null else ?8 end,
                                                        evidence = '[]', version = a.version + 1, updated_at = ?5
                            from reports x where a.report_id = x.report_id
                            returning 1
                        ), notices as (
                            update notice n set payload = jsonb_strip_nulls(jsonb_build_object('caseId', n.payload -> 'caseId',
                                                          'caseNo', n.payload -> 'caseNo', 'redacted', true))
                            where n.payload ->> 'caseId' in (select cast(id as text) from purged)
                               or n.payload ->> 'caseNo' in (select case_no from purged)
                               or n.payload ->> 'serialNo' in (select serial_no from purged_units)
                            returning 1
                        ), aged_replays as (
                            delete from idempotency_key k
                            where cast(?7 as timestamptz) is not null and k.created_at < cast(?7 as timestamptz)
                            returning 1
                        ), replays as (
                            -- The key stays (a replay must not run the request again): only what it stored of the response.
                            update idempotency_key k set response_body = null, location = null, etag = null
                            where (k.response_body is not null or k.location is not null)
                              and (cast(?7 as timestamptz) is null or k.created_at >= cast(?7 as timestamptz))
                              and (exists (select 1 from purged c
                                           where strpos(coalesce(k.response_body, '') || coalesce(k.location, ''),
                                                        cast(c.id as text)) > 0)
                                   or exists (select 1 from purged_units x where strpos(coalesce(k.response_body, ''), x.serial_no) > 0))
                            returning 1
                        ), audited as (
                            insert into audit_log (occurred_at, actor, action, entity_type, entity_id, before_state, after_state,
                                                   correlation_id)
                            select cast(?5 as timestamptz), ?3, 'ANONYMISE', 'unit', x.serial_no, cast(null as jsonb),
                                   jsonb_build_object('serialNo', x.serial_no, 'keptUntil', x.kept_until), ?4 from units x
                            union all
                            select cast(?5 as timestamptz), ?3, 'ANONYMISE', 'case', cast(c.id as text), cast(null as jsonb),
                                   jsonb_build_object('caseNo', c.case_no), ?4
                            from cases c
                            returning 1
                        )
                        select (select count(*) from units), (select count(*) from cases),
                               (select count(*) from events) + (select count(*) from waivers) + (select count(*) from visits)
                               + (select count(*) from costs) + (select count(*) from followups) + (select count(*) from return_orders)
                               + (select count(*) from return_tests) + (select count(*) from eight_d)
                               + (select count(*) from eight_d_disciplines) + (select count(*) from eight_d_actions)
                               + (select count(*) from notices) + (select count(*) from replays)
                               + (select count(*) from aged_replays) + (select count(*) from audited),
                               (select string_agg(cast(id as text), ',') from purged),
                               (select string_agg(serial_no, ',') from purged_units)""")
                .setParameter(1, asOf).setParameter(2, serialNo).setParameter(3, actor)
                .setParameter(4, CorrelationId.current()).setParameter(5, OffsetDateTime.now(clock))
                .setParameter(6, clock.getZone().getId()).setParameter(7, idempotencyBefore)
                .setParameter(8, REDACTED).getSingleResult();
        String caseIds = (String) r[3];
        String serials = (String) r[4];
        if (caseIds != null || serials != null) {
            // The audit trail's copies, in this transaction: only the schema owner's function may change an entry.
            em.createNativeQuery("select aftersales_redact_audit(cast(string_to_array(?1, ',') as uuid[]), "
                            + "string_to_array(?2, ','))")
                    .setParameter(1, caseIds == null ? "" : caseIds).setParameter(2, serials == null ? "" : serials)
                    .getSingleResult();
        }
        if (caseIds != null) {
            // The attachments' rows (their names can be personal), then every object of the cases with all its versions.
            // An object store failure rolls the whole purge back, so the next run tries again; nothing is half removed.
            em.createNativeQuery("delete from attachment where case_id = any(cast(string_to_array(?1, ',') as uuid[]))")
                    .setParameter(1, caseIds).executeUpdate();
            for (String caseId : caseIds.split(",")) {
                store.deleteAll("cases/" + caseId + "/");
            }
        }
        return new Purge(asOf, ((Number) r[0]).intValue(), ((Number) r[1]).intValue());
    }

    static LocalDate date(String name, String value, LocalDate orElse) {
        return value == null || value.isBlank() ? orElse : Params.dateParam(name, value);
    }
}
