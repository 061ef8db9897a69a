package com.aftersales.shared.observe;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Tracing is on exactly when spans have somewhere to go: with no OTLP endpoint configured
 * ({@code quarkus.otel.exporter.otlp.traces.endpoint} or {@code quarkus.otel.exporter.otlp.endpoint}, e.g. the
 * environment variable {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} that Terraform sets when the ADOT collector
 * layer is attached), {@code quarkus.otel.sdk.disabled} reads {@code true}: no span is recorded, nothing is exported,
 * and dev mode and tests do not try to reach a collector on localhost:4317. An explicit
 * {@code quarkus.otel.sdk.disabled} (application.properties, the environment, a system property, a test profile) wins.
 *
 * <p>An interceptor, not a config source: it sees the environment of the running process. "Configured" means a
 * source with a positive ordinal; the extension's own defaults and the values Quarkus records at build time for
 * runtime properties sit at ordinals near {@code Integer.MIN_VALUE}, so a value this interceptor gave while building
 * cannot outlive the build.
 *
 * <p>The JDBC instrumentation follows: {@code quarkus.datasource.jdbc.telemetry.enabled}, unless set, is on exactly when
 * tracing is, so that without a collector the connections are not wrapped at all (the wrapper with no-op spans cost
 * about a fifth of an entitlement lookup's CPU in the service, bench/ablation.sh).
 */
public class TracingDefault implements ConfigSourceInterceptor {

    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final String JDBC_ENABLED = "quarkus.datasource.jdbc.telemetry.enabled";
    static final String[] ENDPOINTS = {"quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint"};

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (configured(value)) {
            return value;
        }
        if (DISABLED.equals(name)) {
            return defaulted(name, !endpointConfigured(context));
        }
        if (JDBC_ENABLED.equals(name)) {
            ConfigValue disabled = context.proceed(DISABLED);
            boolean tracing = configured(disabled) ? !Boolean.parseBoolean(disabled.getValue().trim()) : endpointConfigured(context);
            return defaulted(name, tracing);
        }
        return value;
    }

    private static boolean endpointConfigured(ConfigSourceInterceptorContext context) {
        for (String endpoint : ENDPOINTS) {
            if (configured(context.proceed(endpoint))) {
                return true;
            }
        }
        return false;
    }

    private static ConfigValue defaulted(String name, boolean value) {
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(value)).withConfigSourceName("aftersales-tracing-default")
                .withConfigSourceOrdinal(0).build();
    }

    private static boolean configured(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && value.getConfigSourceOrdinal() > 0;
    }
}
