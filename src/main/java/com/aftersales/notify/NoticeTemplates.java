package com.aftersales.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.aftersales.shared.error.Messages;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;

/**
 * Renders a notice from its kind's Qute template in one language: {@code templates/notices/<language>/<KIND>.txt},
 * whose first line is the subject and the rest the body. The payload is available as {@code p}. Rendering is strict:
 * a template that names a missing payload key fails instead of sending a half-empty message.
 */
@ApplicationScoped
public class NoticeTemplates {

    public static final String ZH = "zh-CN";
    public static final String EN = "en";

    public record Rendered(String subject, String body) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Payload keys holding a code, and the kind of code (message keys {@code code.<kind>.<code>}). */
    private static final Map<String, String> CODES = Map.ofEntries(Map.entry("ownerRole", "role"),
            Map.entry("severity", "severity"), Map.entry("productLine", "product_line"), Map.entry("caseType", "case_type"),
            Map.entry("fromStatus", "case_status"), Map.entry("toStatus", "case_status"),
            Map.entry("repairGroup", "repair_group"));

    @Inject
    Engine engine;

    @Inject
    ObjectMapper json;

    /** The template language for a locale: English for en, Chinese otherwise. */
    public static String language(Locale locale) {
        return locale != null && EN.equals(locale.getLanguage()) ? EN : ZH;
    }

    /** Whether a notice kind exists, that is, has its templates. */
    public boolean exists(String kind) {
        return kind != null && kind.matches("[A-Z0-9_]+") && engine.getTemplate("notices/" + ZH + "/" + kind + ".txt") != null
                && engine.getTemplate("notices/" + EN + "/" + kind + ".txt") != null;
    }

    /** @throws IllegalStateException when the kind has no template or the payload lacks what it needs */
    public Rendered render(String kind, String language, String payloadJson) {
        String lang = EN.equals(language) ? EN : ZH;
        Template template = kind.matches("[A-Z0-9_]+") ? engine.getTemplate("notices/" + lang + "/" + kind + ".txt") : null;
        if (template == null) {
            throw new IllegalStateException("no " + lang + " template for notice kind " + kind);
        }
        Map<String, Object> payload;
        try {
            payload = json.readValue(payloadJson == null ? "{}" : payloadJson, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice payload is not a JSON object", e);
        }
        // Codes in the payload are shown in the reader's language ({p.ownerRoleText}, {p.severityText}, ...).
        Locale locale = lang.equals(EN) ? Messages.EN : Messages.ZH;
        payload = new java.util.HashMap<>(payload);
        for (Map.Entry<String, String> code : CODES.entrySet()) {
            Object value = payload.get(code.getKey());
            payload.put(code.getKey() + "Text", value == null ? null : Messages.code(locale, code.getValue(), value));
        }
        String text;
        try {
            text = template.data("p", payload).render().strip();
        } catch (RuntimeException e) {
            throw new IllegalStateException("template " + lang + "/" + kind + " failed: " + e.getMessage(), e);
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? new Rendered(text, "") : new Rendered(text.substring(0, nl).strip(), text.substring(nl + 1).strip());
    }

    /** For display: the rendered notice, or its kind when it cannot be rendered (never fails a read). */
    public Rendered renderOrKind(String kind, String language, String payloadJson) {
        try {
            return render(kind, language, payloadJson);
        } catch (IllegalStateException e) {
            return new Rendered(kind, "");
        }
    }
}
