package com.aftersales.cases;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.paging.PageRequest;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Offline download for a field engineer: the visits assigned to the caller (their account among the visit's
 * technicians) and those visits' cases, in order of their last change, from a cursor on. The answer's
 * {@code syncCursor} is where the next download starts, so a device asks only for what changed since it last synced.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FieldWork {

    @Schema(name = "FieldWorkKind")
    public enum Kind { CASE, VISIT }

    /** One changed record: a visit (as staff see it) or a case. */
    @RegisterForReflection
    public record FieldWorkChange(Kind kind, UUID id, OffsetDateTime changedAt, FieldVisits.VisitView visit, CaseView serviceCase) {
    }

    /**
     * A page of changes. {@code nextCursor}: the next page, while there is one; {@code syncCursor}: where to start the
     * next download once every page is read (the cursor given when nothing changed).
     */
    @RegisterForReflection
    public record FieldWorkChanges(List<FieldWorkChange> items, String nextCursor, String syncCursor, int limit) {
    }

    private record Position(OffsetDateTime changedAt, String kind, String id) {
        static final Position START = new Position(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), "", "");

        String encode() {
            String key = changedAt.toInstant() + "|" + kind + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String after) {
            String[] parts = after.split("\\|", -1);
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException(after);
                }
                Kind.valueOf(parts[1]);
                UUID.fromString(parts[2]);
                return new Position(Instant.parse(parts[0]).atOffset(ZoneOffset.UTC), parts[1], parts[2]);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw ProblemException.badParameter("cursor", "validation.cursor");
            }
        }
    }

    @Inject
    EntityManager em;

    @Inject
    FieldVisitRepository visits;

    @Inject
    CaseRepository cases;

    @Inject
    CaseViews caseViews;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    public FieldWorkChanges changes(PageRequest page, Locale locale) {
        Position from = page.after() == null ? Position.START : Position.decode(page.after());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with mine as (
                            select v.id, v.case_id, v.updated_at from field_visit v where v.technicians @> cast(?1 as jsonb)
                        )
                        select kind, id, changed_at from (
                            select 'VISIT' as kind, cast(m.id as text) as id, m.updated_at as changed_at from mine m
                            union all
                            select 'CASE', cast(c.id as text), c.updated_at from service_case c
                            where c.id in (select m.case_id from mine m)
                        ) x
                        where (changed_at, kind, id) > (?2, ?3, ?4)
                        order by changed_at, kind, id
                        limit ?5""")
                .setParameter(1, assignee())
                .setParameter(2, from.changedAt()).setParameter(3, from.kind()).setParameter(4, from.id())
                .setParameter(5, page.fetchSize())
                .getResultList();
        boolean more = rows.size() > page.limit();
        List<Position> positions = rows.stream().limit(page.limit())
                .map(r -> new Position(SqlValues.offsetDateTime(r[2]), (String) r[0], (String) r[1])).toList();

        Map<UUID, FieldVisit> visitRows = byId(positions, Kind.VISIT, ids -> visits.find("id in ?1", ids).list(), v -> v.id);
        Map<UUID, ServiceCase> caseRows = byId(positions, Kind.CASE, ids -> cases.find("id in ?1", ids).list(), c -> c.id);
        Map<UUID, CaseView> caseViewsById = caseViews.of(List.copyOf(caseRows.values()), locale).stream()
                .collect(Collectors.toMap(CaseView::id, Function.identity()));

        List<FieldWorkChange> items = positions.stream().map(p -> {
            UUID id = UUID.fromString(p.id());
            return Kind.valueOf(p.kind()) == Kind.VISIT
                    ? new FieldWorkChange(Kind.VISIT, id, p.changedAt(), FieldVisits.VisitView.of(visitRows.get(id)), null)
                    : new FieldWorkChange(Kind.CASE, id, p.changedAt(), null, caseViewsById.get(id));
        }).toList();
        String last = positions.isEmpty() ? (page.after() == null ? null : from.encode())
                : positions.get(positions.size() - 1).encode();
        return new FieldWorkChanges(items, more ? last : null, last, page.limit());
    }

    private static <T> Map<UUID, T> byId(List<Position> positions, Kind kind, Function<List<UUID>, List<T>> load,
                                         Function<T, UUID> id) {
        List<UUID> ids = positions.stream().filter(p -> p.kind().equals(kind.name())).map(p -> UUID.fromString(p.id())).toList();
        return ids.isEmpty() ? Map.of() : load.apply(ids).stream().collect(Collectors.toMap(id, Function.identity()));
    }

    /** The technicians entry that names the caller: their account, as the token's subject. */
    private String assignee() {
        try {
            return json.writeValueAsString(List.of(caller.subject()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
