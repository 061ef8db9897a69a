package com.aftersales.eightd;

import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.customer.CustomerRegistry;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The 8D deadline profiles (working days per discipline, per customer) and the working-day calendar. */
@ApplicationScoped
@Transactional
public class EightDSettings {

    public record DeadlineRequest(UUID customerId, @NotNull Discipline discipline, @NotNull @Min(0) @Max(365) Integer workingDays) {
    }

    @RegisterForReflection
    public record DeadlineView(UUID customerId, Discipline discipline, int workingDays, long version) {
    }

    public record CalendarDay(@NotNull LocalDate day, @NotNull Boolean working, @Size(max = 200) String note) {
    }

    /** A calendar day as stored, with its version (its ETag for a change). */
    @RegisterForReflection
    public record CalendarEntry(LocalDate day, boolean working, String note, long version) {
    }

    @Inject
    EntityManager em;

    @Inject
    CustomerRegistry customers;

    @Inject
    AuditTrail audit;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeadlineView> deadlines() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select customer_id, discipline, working_days, version from eight_d_deadline "
                + "order by customer_id nulls first, discipline").getResultList();
        return rows.stream().map(r -> new DeadlineView((UUID) r[0], Discipline.valueOf((String) r[1]), ((Number) r[2]).intValue(),
                ((Number) r[3]).longValue())).toList();
    }

    public DeadlineView setDeadline(@NotNull @Valid DeadlineRequest request, @NotNull Versions.Put precondition) {
        if (request.customerId() != null) {
            customers.visible(request.customerId(), LockModeType.NONE);
        }
        // The row under a lock: If-Match names its version, If-None-Match: * only creates one.
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from eight_d_deadline where customer_id is not distinct from cast(?1 as uuid) "
                        + "and discipline = ?2 for update").setParameter(1, request.customerId())
                .setParameter(2, request.discipline().name()).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)).longValue());
        String conflict = request.customerId() == null ? "(discipline) where customer_id is null"
                : "(customer_id, discipline) where customer_id is not null";
        int written = em.createNativeQuery("insert into eight_d_deadline (id, customer_id, discipline, working_days) values (?1, ?2, ?3, ?4) "
                        + "on conflict " + conflict + " do update set working_days = excluded.working_days, "
                        + "version = eight_d_deadline.version + 1 where cast(?5 as boolean)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, request.customerId())
                .setParameter(3, request.discipline().name()).setParameter(4, request.workingDays())
                .setParameter(5, !precondition.creates()).executeUpdate();
        if (written == 0) {
            throw new ProblemException(412, "record_exists");
        }
        DeadlineView view = new DeadlineView(request.customerId(), request.discipline(), request.workingDays(),
                current.isEmpty() ? 0 : ((Number) current.get(0)).longValue() + 1);
        audit.record("eight-d-deadline", (request.customerId() == null ? "default" : request.customerId()) + "/"
                + request.discipline(), "SET", null, view);
        return view;
    }

    public CalendarEntry setDay(@NotNull @Valid CalendarDay day, @NotNull Versions.Put precondition) {
        // The day's row under a lock: If-Match names its version, If-None-Match: * only adds a day.
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from work_calendar where day = ?1 for update")
                .setParameter(1, day.day()).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)).longValue());
        int written = em.createNativeQuery("insert into work_calendar (day, working, note) values (?1, ?2, ?3) "
                        + "on conflict (day) do update set working = excluded.working, note = excluded.note where cast(?4 as boolean)")
                .setParameter(1, day.day()).setParameter(2, day.working()).setParameter(3, day.note())
                .setParameter(4, !precondition.creates()).executeUpdate();
        if (written == 0) {
            throw new ProblemException(412, "record_exists");
        }
        audit.record("work-calendar", day.day(), "SET", null, day);
        return calendar(day.day(), day.day()).get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CalendarEntry> calendar(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, working, note, version from work_calendar where day between ?1 and ?2 "
                + "order by day").setParameter(1, from).setParameter(2, to).getResultList();
        return rows.stream().map(r -> new CalendarEntry(SqlValues.localDate(r[0]),
                (Boolean) r[1], (String) r[2], ((Number) r[3]).longValue())).toList();
    }
}
