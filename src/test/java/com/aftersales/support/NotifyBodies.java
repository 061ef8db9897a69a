package com.aftersales.support;

/** Bodies of the notification endpoints: a user's preferences and the admin's webhook endpoints. */
public final class NotifyBodies {

    private NotifyBodies() {
    }

    /** Notification preferences: only what is set is sent. */
    public static Preferences preferences() {
        return new Preferences();
    }

    /** A webhook endpoint of a format (GENERIC, WECOM, DINGTALK, FEISHU). */
    public static Webhook webhook(String name, String url, String format) {
        return new Webhook().set("name", name).set("url", url).set("format", format);
    }

    public static final class Preferences extends JsonBody<Preferences> {

        /** zh-CN or en. */
        public Preferences language(String language) {
            return set("language", language);
        }

        public Preferences email(String email) {
            return set("email", email);
        }

        public Preferences emailEnabled(boolean emailEnabled) {
            return set("emailEnabled", emailEnabled);
        }

        public Preferences muted(String kind) {
            return add("mutedKinds", kind);
        }
    }

    public static final class Webhook extends JsonBody<Webhook> {

        /** The signing secret. */
        public Webhook secret(String secret) {
            return set("secret", secret);
        }

        public Webhook language(String language) {
            return set("language", language);
        }

        /** A notice kind the endpoint receives. */
        public Webhook kind(String kind) {
            return add("kinds", kind);
        }

        /** A role whose notices the endpoint receives. */
        public Webhook role(String role) {
            return add("roles", role);
        }
    }
}
