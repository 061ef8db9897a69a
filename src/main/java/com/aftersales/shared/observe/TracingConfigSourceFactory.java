package com.aftersales.shared.observe;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Tracing is on exactly when spans have somewhere to go: with no OTLP endpoint configured
 * ({@code quarkus.otel.exporter.otlp.traces.endpoint} or {@code quarkus.otel.exporter.otlp.endpoint}, e.g. the
 * environment variable {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} that Terraform sets when the ADOT collector
 * layer is attached), the OpenTelemetry SDK is disabled ({@code quarkus.otel.sdk.disabled=true}): no span is
 * recorded, nothing is exported, and dev mode and tests do not try to reach a collector on localhost:4317. An explicit
 * {@code quarkus.otel.sdk.disabled} anywhere (application.properties, the environment, a test profile) wins: this
 * source's ordinal is below them all.
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final String[] ENDPOINTS = {"quarkus.otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint"};

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        for (String name : ENDPOINTS) {
            var value = context.getValue(name);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return List.of();
            }
        }
        return List.of(new PropertiesConfigSource(Map.of(DISABLED, "true"), "aftersales-tracing-default", 50));
    }
}
