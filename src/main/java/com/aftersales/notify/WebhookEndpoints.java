package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.SqlValues;
import com.aftersales.shared.secrets.SealedText;
import com.aftersales.shared.security.Caller;
import com.aftersales.shared.security.Roles;
import com.aftersales.shared.web.Params;
import com.aftersales.shared.web.Versions;
import com.aftersales.shared.web.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Webhook endpoints (ADMIN): enterprise messaging robots or any HTTPS receiver that gets the notices addressed to
 * some roles or of some kinds. The secret is write-only: views say only whether one is set. The robot URL is itself a
 * credential (WeCom {@code key=}, DingTalk {@code access_token=}, Feishu's hook id): URL and secret are sealed at rest
 * ({@link SealedText}, bound to the endpoint's id), and views and the audit trail carry the URL redacted
 * ({@link #redact}). The host must resolve to public addresses only ({@link WebhookTargets}).
 */
@ApplicationScoped
public class WebhookEndpoints {

    public enum Format { GENERIC, WECOM, DINGTALK, FEISHU }

    @RegisterForReflection
    public record EndpointRequest(@NotBlank @Size(max = 100) String name,
                                  @NotBlank @Size(max = 2000) String url,
                                  @NotNull Format format,
                                  @Size(max = 200) String secret,
                                  @Pattern(regexp = "zh-CN|en", message = "{aftersales.language}") String language,
                                  @Size(max = 20) List<@NotBlank String> roles,
                                  @Size(max = 50) List<@NotBlank String> kinds) {
    }

    @RegisterForReflection
    public record EndpointView(UUID id, String name, String url, Format format, boolean signed, String language,
                               List<String> roles, List<String> kinds, boolean active, String createdBy,
                               OffsetDateTime createdAt, long version) {
    }

    static final String AUDIT_TYPE = "webhook-endpoint";

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    NoticeTemplates templates;

    @Inject
    AftersalesConfig config;

    @Inject
    Clock clock;

    @Inject
    WebhookTargets targets;

    /** A URL and secret as a delivery needs them, opened from their sealed form. */
    public record Credentials(String url, String secret) {
    }

    @Transactional
    public EndpointView create(@NotNull @Valid EndpointRequest request) {
        URI url;
        try {
            url = URI.create(request.url().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("url", "notices.webhook_url");
        }
        if (url.getHost() == null || !("https".equals(url.getScheme()) || (config.webhooks().allowHttp() && "http".equals(url.getScheme())))) {
            throw ProblemException.invalid("url", "notices.webhook_url");
        }
        String secret = Text.blankToNull(request.secret());
        if (request.format() == Format.GENERIC && secret == null) {
            throw ProblemException.invalid("secret", "notices.webhook_secret");
        }
        List<String> roles = request.roles() == null ? List.of() : request.roles();
        for (int i = 0; i < roles.size(); i++) {
            if (!Arrays.asList(Roles.ALL).contains(roles.get(i))) {
                throw ProblemException.invalid("roles[" + i + "]", "validation.one_of", String.join(", ", Roles.ALL));
            }
        }
        List<String> kinds = request.kinds() == null ? List.of() : request.kinds();
        for (int i = 0; i < kinds.size(); i++) {
            if (!templates.exists(kinds.get(i))) {
                throw ProblemException.invalid("kinds[" + i + "]", "notices.unknown_kind", kinds.get(i));
            }
        }
        if (roles.isEmpty() && kinds.isEmpty()) {
            throw ProblemException.invalid("roles", "validation.required");
        }
        try {
            targets.check(url);
        } catch (WebhookTargets.Refused refused) {
            throw ProblemException.invalid("url", refused.unresolved ? "notices.webhook_unresolved" : "notices.webhook_internal",
                    url.getHost());
        }
        byte[] key = key();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into webhook_endpoint (id, name, url, url_sealed, secret_sealed, format, language, roles, kinds,
                                                      created_by, created_at, updated_at)
                        values (?1, ?2, ?3, ?11, ?5, ?4, ?6, cast(?7 as text[]), cast(?8 as text[]), ?9, ?10, ?10)""")
                .setParameter(1, id).setParameter(2, request.name().strip()).setParameter(3, redact(url.toString()))
                .setParameter(11, SealedText.seal(key, url.toString(), id.toString()))
                .setParameter(4, request.format().name()).setParameter(5, SealedText.seal(key, secret, id.toString()))
                .setParameter(6, request.language() == null ? NoticeTemplates.ZH : request.language())
                .setParameter(7, new TreeSet<>(roles).toArray(new String[0]))
                .setParameter(8, new TreeSet<>(kinds).toArray(new String[0]))
                .setParameter(9, caller.subject()).setParameter(10, OffsetDateTime.now(clock)).executeUpdate();
        EndpointView view = get(id);
        audit.record(AUDIT_TYPE, id, "CREATE", null, view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EndpointView> active() {
        return query("active order by name", null);
    }

    @Transactional
    public void deactivate(String id, long expectedVersion) {
        UUID key = Params.uuid("webhook", id);
        em.createNativeQuery("select 1 from webhook_endpoint where id = ?1 for update").setParameter(1, key).getResultList();
        EndpointView before = get(key);
        if (!before.active()) {
            throw ProblemException.notFound("webhook", id);
        }
        Versions.check(before.version(), expectedVersion);
        em.createNativeQuery("update webhook_endpoint set active = false, version = version + 1, updated_at = ?2 where id = ?1")
                .setParameter(1, before.id()).setParameter(2, OffsetDateTime.now(clock)).executeUpdate();
        audit.record(AUDIT_TYPE, before.id(), "DEACTIVATE", before, get(before.id()));
    }

    private EndpointView get(UUID id) {
        List<EndpointView> found = query("id = ?1", id);
        if (found.isEmpty()) {
            throw ProblemException.notFound("webhook", id);
        }
        return found.get(0);
    }

    private List<EndpointView> query(String where, UUID id) {
        var q = em.createNativeQuery("select id, name, url, format, secret is not null or secret_sealed is not null, language, roles, kinds, active, created_by, "
                + "created_at, version from webhook_endpoint where " + where);
        if (id != null) {
            q.setParameter(1, id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new EndpointView((UUID) r[0], (String) r[1], redact((String) r[2]), Format.valueOf((String) r[3]),
                (Boolean) r[4], (String) r[5], List.of((String[]) r[6]), List.of((String[]) r[7]), (Boolean) r[8],
                (String) r[9], SqlValues.offsetDateTime(r[10]), ((Number) r[11]).longValue())).toList();
    }

    /**
     * The URL and secret of a delivery: opened from their sealed form, or (an endpoint saved before sealing, until
     * {@link #sealLegacy} has run) as stored.
     */
    public Credentials credentials(UUID id, String url, String urlSealed, String secret, String secretSealed) {
        if (urlSealed == null) {
            return new Credentials(url, secret);
        }
        byte[] key = key();
        return new Credentials(SealedText.open(key, urlSealed, id.toString()), SealedText.open(key, secretSealed, id.toString()));
    }

    /**
     * Seals the URL and secret of endpoints saved in clear before sealing existed (run by the notice sender): the clear
     * columns keep only the redacted URL. Nothing happens while no key is configured.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int sealLegacy() {
        if (config.webhooks().credentialsKey().isEmpty()) {
            return 0;
        }
        byte[] key = key();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, url, secret from webhook_endpoint where url_sealed is null "
                + "for update skip locked").getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            em.createNativeQuery("update webhook_endpoint set url = ?2, url_sealed = ?3, secret = null, secret_sealed = ?4 "
                            + "where id = ?1")
                    .setParameter(1, id).setParameter(2, redact((String) r[1]))
                    .setParameter(3, SealedText.seal(key, (String) r[1], id.toString()))
                    .setParameter(4, SealedText.seal(key, (String) r[2], id.toString())).executeUpdate();
        }
        return rows.size();
    }

    private static final java.util.regex.Pattern SCHEME_AND_AUTHORITY = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)(.*)$", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern QUERY_VALUE = java.util.regex.Pattern.compile("([?&][^=&#]*=)[^&#]*");
    private static final java.util.regex.Pattern LONG_SEGMENT = java.util.regex.Pattern.compile("/([^/?#]{4})[^/?#]{12,}");

    /**
     * The URL as views and the audit trail show it: user info, every query value and every path segment of 16
     * characters or more (a Feishu hook id, a token in the path) are masked; the fragment is dropped.
     */
    static String redact(String url) {
        if (url == null) {
            return null;
        }
        var m = SCHEME_AND_AUTHORITY.matcher(url);
        if (!m.matches()) {
            return "****";
        }
        String authority = m.group(2).contains("@") ? "****@" + m.group(2).substring(m.group(2).lastIndexOf('@') + 1) : m.group(2);
        String rest = m.group(3);
        int hash = rest.indexOf('#');
        rest = hash < 0 ? rest : rest.substring(0, hash);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q);
        return m.group(1) + authority + LONG_SEGMENT.matcher(path).replaceAll("/$1****")
                + QUERY_VALUE.matcher(query).replaceAll("$1****");
    }

    private byte[] key() {
        return SealedText.key(config.webhooks().credentialsKey()
                .orElseThrow(() -> new ProblemException(503, "webhook_key_missing")));
    }
}
