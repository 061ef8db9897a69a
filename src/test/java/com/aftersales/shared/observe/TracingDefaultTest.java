package com.aftersales.shared.observe;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracing follows the OTLP endpoint: off without one, on with one, and an explicit setting always wins. */
class TracingDefaultTest {

    static Optional<Boolean> disabled(Map<String, String> configured) {
        return value(configured, TracingDefault.DISABLED);
    }

    static Optional<Boolean> value(Map<String, String> configured, String name) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(configured, "configured", 250))
                // As the extension's defaults and Quarkus' recorded build-time values sit: below every real source.
                .withSources(new PropertiesConfigSource(Map.of(TracingDefault.DISABLED, "true",
                        "quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317/", TracingDefault.JDBC_ENABLED, "true"),
                        "defaults", Integer.MIN_VALUE + 100))
                .withInterceptors(new TracingDefault()).build();
        return config.getOptionalValue(name, Boolean.class);
    }

    @Test
    void offWithoutAnEndpoint() {
        assertThat(disabled(Map.of())).contains(true);
        assertThat(disabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", " "))).contains(true);
    }

    @Test
    void onWithATracesEndpointOrAGeneralOne() {
        assertThat(disabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4318"))).contains(false);
        assertThat(disabled(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"))).contains(false);
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(disabled(Map.of(TracingDefault.DISABLED, "false"))).contains(false);
        assertThat(disabled(Map.of(TracingDefault.DISABLED, "true",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4318"))).contains(true);
    }

    @Test
    void theJdbcWrapperFollowsTracingUnlessSet() {
        assertThat(value(Map.of(), TracingDefault.JDBC_ENABLED)).contains(false);
        assertThat(value(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4318"), TracingDefault.JDBC_ENABLED))
                .contains(true);
        assertThat(value(Map.of(TracingDefault.DISABLED, "false"), TracingDefault.JDBC_ENABLED)).contains(true);
        assertThat(value(Map.of(TracingDefault.DISABLED, "true", "quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"),
                TracingDefault.JDBC_ENABLED)).contains(false);
        assertThat(value(Map.of(TracingDefault.JDBC_ENABLED, "true"), TracingDefault.JDBC_ENABLED)).contains(true);
    }
}
