package com.aftersales.followup;

import com.aftersales.AftersalesConfig;
import com.aftersales.cases.CaseReferences;
import com.aftersales.cases.CaseReferences.CaseReference;
import com.aftersales.cases.CaseReopenListener;
import com.aftersales.notify.Outbox;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Recording follow-up outcomes: not satisfied → another round in 7 days; after N unsatisfied rounds the manager is told. */
@ApplicationScoped
@Transactional
public class FollowUps implements CaseReopenListener {

    public record Outcome(@NotNull Boolean contacted, @Min(1) @Max(5) Integer satisfaction, @NotNull Boolean satisfied,
                          @Size(max = 4000) String comments) {
    }

    @RegisterForReflection
    public record FollowUpView(UUID id, UUID caseId, String caseNo, int round, LocalDate dueDate, String status,
                               Boolean contacted, Integer satisfaction, Boolean satisfied, String comments, String doneBy,
                               OffsetDateTime doneAt, boolean overdue, long version) {
    }

    @Inject
    EntityManager em;

    @Inject
    CaseReferences cases;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AftersalesConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    public FollowUpView record(@NotNull UUID id, long expectedVersion, @NotNull @Valid Outcome outcome) {
        FollowUpView before = get(id);
        CaseReference c = cases.visible(before.caseId());
        if (before.version() != expectedVersion) {
            throw new ProblemException(412, "precondition_failed", "\"" + expectedVersion + "\"")
                    .header("ETag", "\"" + before.version() + "\"");
        }
        if (!"DUE".equals(before.status())) {
            throw new ProblemException(409, "follow_up_done");
        }
        if (outcome.contacted() && outcome.satisfaction() == null) {
            throw ProblemException.invalid("satisfaction", "validation.required");
        }
        boolean satisfied = outcome.contacted() && outcome.satisfied();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = em.createNativeQuery("update follow_up set status = 'DONE', contacted = ?2, satisfaction = ?3, satisfied = ?4, "
                        + "comments = ?5, done_by = ?6, done_at = ?8, version = version + 1, updated_at = ?8 "
                        + "where id = ?1 and version = ?7 and status = 'DUE'")
                .setParameter(1, id).setParameter(2, outcome.contacted()).setParameter(3, outcome.satisfaction())
                .setParameter(4, satisfied).setParameter(5, Text.blankToNull(outcome.comments()))
                .setParameter(6, caller.subject()).setParameter(7, expectedVersion).setParameter(8, now).executeUpdate();
        if (updated == 0) {
            throw new ProblemException(412, "precondition_failed", "\"" + expectedVersion + "\"");
        }
        if (!satisfied) {
            // Again until the customer is satisfied (or could not be reached: try again too).
            // The next round follows the same closing.
            em.createNativeQuery("insert into follow_up (id, case_id, round, due_date, status, created_at, updated_at, closing_at) "
                            + "select gen_random_uuid(), f.case_id, f.round + 1, ?2, 'DUE', ?3, ?3, f.closing_at "
                            + "from follow_up f where f.id = ?1 on conflict (case_id, round) do nothing")
                    .setParameter(1, id).setParameter(2, LocalDate.now(clock).plusDays(7)).setParameter(3, now).executeUpdate();
            if (before.round() >= config.followUps().escalateAfterRounds()) {
                // The manager above the case owner hears of it.
                String manager = Roles.AFTER_SALES_MANAGER.equals(c.ownerRole()) ? Roles.GENERAL_MANAGER : Roles.AFTER_SALES_MANAGER;
                outbox.add("FOLLOW_UP_UNSATISFIED", Outbox.Recipient.role(manager),
                        Outbox.payload("caseNo", c.caseNo(), "rounds", before.round()),
                        "follow-up:unsatisfied:" + c.id() + ":" + before.round());
            }
        }
        FollowUpView after = get(id);
        audit.record("follow-up", id, "RECORD", before, after);
        return after;
    }

    /**
     * A reopened case's open follow-up is cancelled at the reopening, in its transaction: it follows a closing that no
     * longer holds, so nobody is asked to call the customer about it and it is not escalated ({@link FollowUpJob} also
     * cancels any it finds, for rows from before). Audited per follow-up.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopened(UUID caseId, OffsetDateTime at) {
        List<FollowUpView> open = query("f.case_id = ?1 and f.status = 'DUE'", caseId);
        if (open.isEmpty()) {
            return;
        }
        em.createNativeQuery("update follow_up set status = 'CANCELLED', version = version + 1, updated_at = ?2 "
                        + "where case_id = ?1 and status = 'DUE'")
                .setParameter(1, caseId).setParameter(2, at).executeUpdate();
        for (FollowUpView before : open) {
            audit.record("follow-up", before.id(), "CANCEL", before, query("f.id = ?1", before.id()).get(0));
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FollowUpView get(UUID id) {
        List<FollowUpView> rows = query("f.id = ?1", id);
        if (rows.isEmpty()) {
            throw ProblemException.notFound("follow-up", id);
        }
        cases.visible(rows.get(0).caseId());
        return rows.get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FollowUpView> list(UUID caseId, boolean dueOnly) {
        if (caseId != null) {
            cases.visible(caseId);
            return query("f.case_id = ?1" + (dueOnly ? " and f.status = 'DUE'" : ""), caseId);
        }
        return query("f.status = 'DUE' and f.due_date <= ?1", LocalDate.now(clock).plusDays(1));
    }

    private List<FollowUpView> query(String where, Object param) {
        LocalDate today = LocalDate.now(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select f.id, f.case_id, c.case_no, f.round, f.due_date, f.status, f.contacted, "
                        + "f.satisfaction, f.satisfied, f.comments, f.done_by, f.done_at, f.version "
                        + "from follow_up f join case_reference c on c.id = f.case_id where " + where
                        + " order by f.due_date, f.round limit 200")
                .setParameter(1, param).getResultList();
        return rows.stream().map(r -> {
            LocalDate due = SqlValues.localDate(r[4]);
            return new FollowUpView((UUID) r[0], (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(), due, (String) r[5],
                    (Boolean) r[6], (Integer) r[7], (Boolean) r[8], (String) r[9], (String) r[10],
                    SqlValues.offsetDateTime(r[11]), "DUE".equals(r[5]) && due.isBefore(today), ((Number) r[12]).longValue());
        }).toList();
    }
}
