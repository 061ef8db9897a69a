package com.aftersales.notify;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.web.Text;
import com.aftersales.shared.web.Versions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's notification settings: the language notices are written in, and whether notices addressed to the user,
 * to one of the user's roles or (customer accounts) to the user's customer also go to an e-mail address, except muted
 * kinds. The in-app inbox always has everything. Saving records the caller's current roles, so role notices find them.
 */
@ApplicationScoped
public class NotificationPreferences {

    @RegisterForReflection
    public record Preferences(@Pattern(regexp = "zh-CN|en", message = "{aftersales.language}") String language,
                              @Size(max = 200) @Email String email,
                              boolean emailEnabled,
                              @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,49}") String> mutedKinds) {
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    /** The caller's settings; before the first save, the defaults (the request's language, e-mail off). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Preferences mine(Locale locale) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select language, email, email_enabled, muted_kinds from notification_preference "
                + "where subject = ?1").setParameter(1, caller.subject()).getResultList();
        if (rows.isEmpty()) {
            return new Preferences(NoticeTemplates.language(locale), null, false, List.of());
        }
        Object[] r = rows.get(0);
        return new Preferences((String) r[0], (String) r[1], (Boolean) r[2], List.of((String[]) r[3]));
    }

    /** The version of the caller's saved settings (their ETag); {@code null} before the first save. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Long version() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select version from notification_preference where subject = ?1")
                .setParameter(1, caller.subject()).getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    @Transactional
    public Preferences save(@NotNull @Valid Preferences request, @NotNull Versions.Put precondition, Locale locale) {
        // The first save creates the row (If-None-Match: *), later ones name the version read (If-Match).
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from notification_preference where subject = ?1 for update")
                .setParameter(1, caller.subject()).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)).longValue());
        Preferences p = request;
        String email = Text.blankToNull(p.email());
        if (p.emailEnabled() && email == null) {
            throw ProblemException.invalid("email", "notices.email_needed");
        }
        Set<String> muted = new TreeSet<>(p.mutedKinds() == null ? List.of() : p.mutedKinds());
        int written = em.createNativeQuery("""
                        insert into notification_preference (subject, roles, customer_id, language, email, email_enabled, muted_kinds,
                                                             updated_at)
                        values (?1, cast(?2 as text[]), ?3, ?4, ?5, ?6, cast(?7 as text[]), ?8)
                        on conflict (subject) do update set roles = excluded.roles, customer_id = excluded.customer_id,
                            language = excluded.language, email = excluded.email, email_enabled = excluded.email_enabled,
                            muted_kinds = excluded.muted_kinds, version = notification_preference.version + 1,
                            updated_at = excluded.updated_at
                        where cast(?9 as boolean)""")
                .setParameter(1, caller.subject())
                .setParameter(2, new TreeSet<>(identity.getRoles()).toArray(new String[0]))
                .setParameter(3, caller.customerScope().orElse(null))
                .setParameter(4, p.language() == null ? NoticeTemplates.language(locale) : p.language())
                .setParameter(5, email == null ? null : email.toLowerCase(Locale.ROOT))
                .setParameter(6, p.emailEnabled())
                .setParameter(7, muted.toArray(new String[0]))
                .setParameter(8, OffsetDateTime.now(clock))
                .setParameter(9, !precondition.creates())
                .executeUpdate();
        if (written == 0) {
            // Saved by another session since the lock found nothing: If-None-Match: * no longer holds.
            throw new ProblemException(412, "record_exists");
        }
        return mine(locale);
    }
}
