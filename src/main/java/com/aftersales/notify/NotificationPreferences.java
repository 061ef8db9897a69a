package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
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
import com.aftersales.shared.error.Messages;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A user's notification settings: the language notices are written in, and whether notices addressed to the user,
 * to one of the user's roles or (customer accounts) to the user's customer also go to an e-mail address, except muted
 * kinds. The in-app inbox always has everything. Saving records the caller's current roles; with the Cognito directory
 * the notice sender reads them again, with the user's status, before it dispatches ({@link #refreshRecipients}).
 * An address is used only once confirmed: saving a new one mails it a single-use code (valid 24 h, kept as a SHA-256
 * hash), which the user enters ({@link #verify}); until then it receives nothing but that mail.
 */
@ApplicationScoped
public class NotificationPreferences {

    @RegisterForReflection
    public record Preferences(@Pattern(regexp = "zh-CN|en", message = "{aftersales.language}") String language,
                              @Size(max = 200) @Email String email,
                              boolean emailEnabled,
                              @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,49}") String> mutedKinds,
                              @Schema(readOnly = true, description = "Whether the address is confirmed (the code mailed to "
                                      + "it was entered); notices go only to a confirmed address. Ignored when saving.")
                              Boolean emailVerified) {
    }

    @RegisterForReflection
    public record Verification(@NotBlank @Size(max = 100) String token) {
    }

    /** How long the code mailed to a new address stays valid. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(24);

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MailTransport mail;

    @Inject
    UserDirectory directory;

    @Inject
    AftersalesConfig config;

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
        List<Object[]> rows = em.createNativeQuery("select language, email, email_enabled, muted_kinds, email_verified_at is not null "
                + "from notification_preference where subject = ?1").setParameter(1, caller.subject()).getResultList();
        if (rows.isEmpty()) {
            return new Preferences(NoticeTemplates.language(locale), null, false, List.of(), false);
        }
        Object[] r = rows.get(0);
        return new Preferences((String) r[0], (String) r[1], (Boolean) r[2], List.of((String[]) r[3]), (Boolean) r[4]);
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
        List<Object[]> current = em.createNativeQuery("select version, email, email_verified_at is not null, "
                        + "email_token_expires_at > ?2 from notification_preference where subject = ?1 for update")
                .setParameter(1, caller.subject()).setParameter(2, OffsetDateTime.now(clock)).getResultList();
        precondition.check(current.isEmpty() ? null : ((Number) current.get(0)[0]).longValue());
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
        String stored = email == null ? null : email.toLowerCase(Locale.ROOT);
        Object[] before = current.isEmpty() ? null : current.get(0);
        boolean same = before != null && stored != null && stored.equals(before[1]);
        if (stored == null || !same) {
            em.createNativeQuery("update notification_preference set email_verified_at = null, email_token_hash = null, "
                    + "email_token_expires_at = null where subject = ?1").setParameter(1, caller.subject()).executeUpdate();
        }
        // A new address gets a code; an unconfirmed one a fresh code once the last one has expired.
        if (stored != null && (!same || !Boolean.TRUE.equals(before[2]) && !Boolean.TRUE.equals(before[3]))) {
            sendCode(caller.subject(), stored, p.language() == null ? NoticeTemplates.language(locale) : p.language());
        }
        return mine(locale);
    }

    /**
     * Confirms the caller's address with the code mailed to it (single use, valid {@link #TOKEN_VALIDITY}); under the
     * version of the settings read (If-Match). A wrong or expired code changes nothing.
     */
    @Transactional
    public Preferences verify(@NotNull @Valid Verification request, long expectedVersion, Locale locale) {
        @SuppressWarnings("unchecked")
        List<Object> current = em.createNativeQuery("select version from notification_preference where subject = ?1 for update")
                .setParameter(1, caller.subject()).getResultList();
        if (current.isEmpty()) {
            throw ProblemException.notFound("notification-preferences", caller.subject());
        }
        Versions.check(((Number) current.get(0)).longValue(), expectedVersion);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int confirmed = em.createNativeQuery("""
                        update notification_preference set email_verified_at = ?3, email_token_hash = null,
                            email_token_expires_at = null, version = version + 1, updated_at = ?3
                        where subject = ?1 and email is not null and email_token_hash = ?2 and email_token_expires_at > ?3""")
                .setParameter(1, caller.subject()).setParameter(2, hash(request.token().strip())).setParameter(3, now)
                .executeUpdate();
        if (confirmed == 0) {
            throw ProblemException.invalid("token", "notices.email_code_invalid");
        }
        return mine(locale);
    }

    /**
     * Addresses saved before confirmation existed (no code yet): each gets its code, once; run by the notice sender.
     * A mail that cannot be sent is tried again at the next run.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int sendPendingCodes() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select subject, email, language from notification_preference "
                + "where email is not null and email_verified_at is null and email_token_hash is null limit 100 "
                + "for update skip locked").getResultList();
        int sent = 0;
        for (Object[] r : rows) {
            try {
                sendCode((String) r[0], (String) r[1], (String) r[2]);
                sent++;
            } catch (ProblemException e) {
                // Not stored: the next run tries again.
            }
        }
        return sent;
    }

    /**
     * Reads from the directory ({@link UserDirectory}) the roles, customer and status of every user whose preferences
     * would send e-mail and whose last look-up is older than {@code aftersales.notices.directory-max-age}, so the
     * notices about to be dispatched go to the people who hold the role now: a user not found or disabled gets nothing
     * (also no notice addressed to them). With {@code directory=recorded} the roles of the last save stay. A directory
     * error throws: the run fails and dispatches nothing, rather than to the wrong people.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int refreshRecipients(OffsetDateTime now) {
        if (config.notices().directory() != AftersalesConfig.Notices.Directory.COGNITO) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<String> stale = em.createNativeQuery("select subject from notification_preference where email_enabled "
                        + "and email_verified_at is not null and (directory_checked_at is null or directory_checked_at <= ?1) "
                        + "for update skip locked")
                .setParameter(1, now.minus(config.notices().directoryMaxAge())).getResultList();
        for (String subject : stale) {
            Optional<UserDirectory.Person> person = directory.lookup(subject);
            em.createNativeQuery("update notification_preference set roles = cast(?2 as text[]), customer_id = ?3, "
                            + "directory_active = ?4, directory_checked_at = ?5 where subject = ?1")
                    .setParameter(1, subject)
                    .setParameter(2, person.map(p -> p.roles().toArray(new String[0])).orElse(new String[0]))
                    .setParameter(3, person.map(UserDirectory.Person::customerId).orElse(null))
                    .setParameter(4, person.map(UserDirectory.Person::enabled).orElse(false))
                    .setParameter(5, now).executeUpdate();
        }
        return stale.size();
    }

    /** A new single-use code for the address (only its hash is kept), mailed to the address and to nowhere else. */
    private void sendCode(String subject, String email, String language) {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.createNativeQuery("update notification_preference set email_token_hash = ?2, email_token_expires_at = ?3 "
                        + "where subject = ?1")
                .setParameter(1, subject).setParameter(2, hash(token)).setParameter(3, now.plus(TOKEN_VALIDITY)).executeUpdate();
        Locale locale = Locale.forLanguageTag(language);
        try {
            mail.send(new MailTransport.Email(email, Messages.text(locale, "notices.verify_subject"),
                    Messages.text(locale, "notices.verify_body", email, token), UUID.randomUUID()));
        } catch (RuntimeException e) {
            // Nothing is saved without its code reaching the address (the transaction rolls back).
            throw new ProblemException(503, "verification_mail_failed");
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
