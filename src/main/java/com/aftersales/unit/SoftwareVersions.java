package com.aftersales.unit;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.error.ProblemException.Issue;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Software and firmware versions of units (issue 20): the current version of each component ({@code unit_software})
 * and every update of it ({@code unit_software_update}, append-only), written together. Recording an update changes
 * the unit, so it needs the unit's ETag and moves it on.
 */
@ApplicationScoped
@Transactional
public class SoftwareVersions {

    /** An update of one component: when it happened (not in the future), how, and optionally on which record. */
    @RegisterForReflection
    public record UpdateRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = SoftwareVersion.COMPONENT, message = "{aftersales.software.component}") String component,
            @NotBlank @Size(max = 60) @Pattern(regexp = SoftwareVersion.VERSION, message = "{aftersales.software.version}") String version,
            @NotNull OffsetDateTime updatedAt,
            @NotNull SoftwareSource source,
            UUID reference) {
    }

    /** One recorded update, as the audit trail keeps it. */
    @RegisterForReflection
    public record Update(UUID id, String serialNo, String component, String fromVersion, String toVersion,
                         OffsetDateTime updatedAt, SoftwareSource source, String referenceKind, UUID reference,
                         String recordedBy, OffsetDateTime recordedAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Inject
    @Any
    Instance<SoftwareUpdateReferences> references;

    /** A unit's current versions by component. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SoftwareVersion> current(UUID unitId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select component, version, updated_at from unit_software "
                + "where unit_id = ?1 order by component").setParameter(1, unitId).getResultList();
        return rows.stream().map(r -> new SoftwareVersion((String) r[0], (String) r[1],
                SqlValues.offsetDateTime(r[2]).atZoneSameInstant(clock.getZone()).toOffsetDateTime())).toList();
    }

    /** The entries as component → version, components normalised; 422 naming the field of a component given twice. */
    static Map<String, String> normalised(List<SoftwareVersion.Entry> entries, String field) {
        Map<String, String> versions = new LinkedHashMap<>();
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String component = SoftwareVersion.component(entries.get(i).component());
            if (versions.putIfAbsent(component, entries.get(i).version().strip()) != null) {
                issues.add(Issue.of(field + "[" + i + "].component", "unit.software_component_twice", component));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        return versions;
    }

    /**
     * A new unit's versions, as registered (source FACTORY): current rows and their first history rows, dated when the
     * unit was produced (else delivered, else now), so that later updates recorded after the fact still come after them.
     */
    void initial(Unit unit, Map<String, String> versions) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        java.time.LocalDate made = unit.productionDate != null ? unit.productionDate : unit.deliveryDate;
        OffsetDateTime at = made == null ? now : made.atStartOfDay(clock.getZone()).toOffsetDateTime();
        versions.forEach((component, version) -> write(unit.id, component, null, version, at, SoftwareSource.FACTORY,
                null, null, now));
    }

    /**
     * Records an update of one component of a unit (If-Match: the unit's ETag). The unit's version moves on, so a
     * device holding the old ETag gets 412.
     */
    public Update record(@NotNull SerialNo serialNo, long expectedVersion, @NotNull @Valid UpdateRequest request) {
        Unit unit = units.find("serialNo", serialNo.value()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .filter(u -> caller.maySee(u.customerId))
                .orElseThrow(() -> ProblemException.notFound("unit", serialNo.value()));
        Versions.check(unit.version, expectedVersion);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String component = SoftwareVersion.component(request.component());
        String version = request.version().strip();
        List<Issue> issues = new ArrayList<>();
        if (request.updatedAt().isAfter(now.plus(config.field().clockSkew()))) {
            issues.add(Issue.of("updatedAt", "unit.software_update_in_future"));
        }
        Optional<SoftwareVersion> installed = current(unit.id).stream().filter(v -> v.component().equals(component)).findFirst();
        String from = installed.map(SoftwareVersion::version).orElse(null);
        // History stays a line: an update dated before the component's current version would rewrite what came after it.
        if (installed.isPresent() && request.updatedAt().isBefore(installed.get().updatedAt())) {
            issues.add(Issue.of("updatedAt", "unit.software_update_before_current", component, installed.get().updatedAt()));
        }
        if (version.equals(from)) {
            issues.add(Issue.of("version", "unit.software_same_version", component, version));
        }
        String kind = null;
        if (request.reference() != null) {
            kind = kindOf(unit.id, request.reference()).orElse(null);
            if (kind == null) {
                issues.add(Issue.of("reference", "unit.software_reference_unknown", request.reference()));
            } else if (!fits(request.source(), kind)) {
                issues.add(Issue.of("reference", "unit.software_reference_kind", kind, request.source()));
            }
        }
        if (!issues.isEmpty()) {
            throw new ProblemException(422, "validation_failed", issues);
        }
        UUID id = write(unit.id, component, from, version, request.updatedAt(), request.source(), kind, request.reference(), now);
        em.lock(unit, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        Update update = new Update(id, unit.serialNo, component, from, version, request.updatedAt(), request.source(), kind,
                request.reference(), caller.subject(), now);
        audit.record(UnitRegistry.AUDIT_TYPE, unit.serialNo, "SOFTWARE_UPDATE", from == null ? null : Map.of(component, from),
                update);
        return update;
    }

    /** A recall remedy names its campaign, a service visit its case or visit; other sources may name any of them. */
    private static boolean fits(SoftwareSource source, String kind) {
        return switch (source) {
            case RECALL_REMEDY -> kind.equals("RECALL");
            case SERVICE_VISIT -> kind.equals("CASE") || kind.equals("VISIT");
            default -> true;
        };
    }

    private Optional<String> kindOf(UUID unitId, UUID reference) {
        for (SoftwareUpdateReferences r : references) {
            Optional<String> kind = r.kindOf(unitId, reference);
            if (kind.isPresent()) {
                return kind;
            }
        }
        return Optional.empty();
    }

    /** The update's history row and the component's current row. */
    private UUID write(UUID unitId, String component, String from, String to, OffsetDateTime at, SoftwareSource source,
                       String kind, UUID reference, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into unit_software_update (id, unit_id, component, from_version, to_version, updated_at, "
                        + "source, reference_kind, reference_id, recorded_by, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, id).setParameter(2, unitId).setParameter(3, component).setParameter(4, from)
                .setParameter(5, to).setParameter(6, at).setParameter(7, source.name()).setParameter(8, kind)
                .setParameter(9, reference).setParameter(10, Objects.requireNonNullElse(caller.subject(), "system"))
                .setParameter(11, now).executeUpdate();
        em.createNativeQuery("insert into unit_software (unit_id, component, version, updated_at) values (?1, ?2, ?3, ?4) "
                        + "on conflict (unit_id, component) do update set version = excluded.version, updated_at = excluded.updated_at")
                .setParameter(1, unitId).setParameter(2, component).setParameter(3, to).setParameter(4, at).executeUpdate();
        return id;
    }

    /** The unit's stated versions must be its current ones: a change of version is an update with its source. */
    void unchanged(UUID unitId, Map<String, String> stated) {
        Map<String, String> current = new LinkedHashMap<>();
        current(unitId).forEach(v -> current.put(v.component(), v.version()));
        if (!current.equals(stated)) {
            throw ProblemException.invalid("softwareVersions", "unit.software_via_updates");
        }
    }

}
