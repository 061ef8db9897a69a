package com.aftersales.notify;

import com.aftersales.AftersalesConfig;
import com.aftersales.shared.audit.AuditTrail;
import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.persistence.SqlValues;
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
 * some roles or of some kinds. The secret is write-only: views say only whether one is set.
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
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into webhook_endpoint (id, name, url, format, secret, language, roles, kinds, created_by, created_at,
                                                      updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as text[]), cast(?8 as text[]), ?9, ?10, ?10)""")
                .setParameter(1, id).setParameter(2, request.name().strip()).setParameter(3, url.toString())
                .setParameter(4, request.format().name()).setParameter(5, secret)
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
        var q = em.createNativeQuery("select id, name, url, format, secret is not null, language, roles, kinds, active, created_by, "
                + "created_at, version from webhook_endpoint where " + where);
        if (id != null) {
            q.setParameter(1, id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new EndpointView((UUID) r[0], (String) r[1], (String) r[2], Format.valueOf((String) r[3]),
                (Boolean) r[4], (String) r[5], List.of((String[]) r[6]), List.of((String[]) r[7]), (Boolean) r[8],
                (String) r[9], SqlValues.offsetDateTime(r[10]), ((Number) r[11]).longValue())).toList();
    }
}
