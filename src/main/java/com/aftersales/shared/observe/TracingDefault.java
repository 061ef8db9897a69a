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
 */
public class TracingDefault implements ConfigSourceInterceptor {

    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final String[] ENDPOINTS = {"quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint"};

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!DISABLED.equals(name) || configured(value)) {
            return value;
        }
        for (String endpoint : ENDPOINTS) {
            if (configured(context.proceed(endpoint))) {
                return ConfigValue.builder().withName(name).withValue("false").withConfigSourceName("aftersales-tracing-default")
                        .withConfigSourceOrdinal(0).build();
            }
        }
        return ConfigValue.builder().withName(name).withValue("true").withConfigSourceName("aftersales-tracing-default")
                .withConfigSourceOrdinal(0).build();
    }

    private static boolean configured(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && value.getConfigSourceOrdinal() > 0;
    }
}
