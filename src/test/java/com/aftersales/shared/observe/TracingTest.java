package com.aftersales.shared.observe;

import com.aftersales.support.Api;
import com.aftersales.support.CustomerBodies;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static com.aftersales.support.Api.as;
import static com.aftersales.support.CustomerBodies.contact;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces, seen through an in-memory span exporter (OpenTelemetry SDK testing) in place of OTLP: one request gives an
 * HTTP server span with the request's SQL as child JDBC spans, continues the caller's W3C traceparent, and its access
 * log line carries the same trace id; a job run is a span with its statements; no span attribute holds personal data.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    /** Tracing on, with spans kept in memory instead of OTLP (its exporter is left out of this build). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "PT0.05S");
        }
    }

    @ApplicationScoped
    static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    static final String NAME = "追踪测试客户乙";
    static final String CONTACT = "王追踪";
    static final String PHONE = "+86 137 2468 1357";

    @Inject
    InMemorySpanExporter exporter;

    final List<ExtLogRecord> access = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (AccessLog.CATEGORY.equals(record.getLoggerName())) {
                ExtLogRecord ext = ExtLogRecord.wrap(record);
                ext.copyAll();
                synchronized (access) {
                    access.add(ext);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
        exporter.reset();
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
    }

    /** The spans of one trace, once its root (of the given kind and name) has been exported. */
    List<SpanData> trace(Predicate<SpanData> root) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SpanData span : exporter.getFinishedSpanItems()) {
                if (root.test(span)) {
                    // Children end before their parent: once the root is exported, so are they.
                    return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(span.getTraceId())).toList();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such span among " + exporter.getFinishedSpanItems());
    }

    ExtLogRecord accessLine(String correlationId) {
        synchronized (access) {
            return access.stream().filter(r -> correlationId.equals(r.getMdc("correlationId"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no access line for " + correlationId));
        }
    }

    static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> trace) {
        Map<String, SpanData> byId = new HashMap<>();
        trace.forEach(s -> byId.put(s.getSpanId(), s));
        for (SpanData s = span; s != null; s = byId.get(s.getParentSpanId())) {
            if (s.getParentSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    static boolean isJdbc(SpanData span) {
        return span.getKind() == SpanKind.CLIENT && span.getAttributes().get(AttributeKey.stringKey("db.system")) != null
                || span.getKind() == SpanKind.CLIENT && span.getAttributes().get(AttributeKey.stringKey("db.system.name")) != null;
    }

    static String statement(SpanData span) {
        String text = span.getAttributes().get(AttributeKey.stringKey("db.query.text"));
        return text != null ? text : span.getAttributes().get(AttributeKey.stringKey("db.statement"));
    }

    @Test
    void aRequestIsAServerSpanWithItsSqlAsChildrenInTheCallersTraceAndItsAccessLineCarriesTheTraceId() throws Exception {
        String id = Api.newCustomer(Api.unique("trc"));
        exporter.reset();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parent = "00f067aa0ba902b7";
        String correlation = "trc-" + UUID.randomUUID();
        as("SALES").header("traceparent", "00-" + traceId + "-" + parent + "-01").header("X-Correlation-Id", correlation)
                .get("/api/v1/customers/" + id).then().statusCode(200);

        List<SpanData> trace = trace(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        // W3C propagation: the caller's trace, the caller's span as parent.
        assertThat(server.getParentSpanId()).isEqualTo(parent);
        assertThat(server.getName()).isEqualTo("GET /api/v1/customers/{id}");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/api/v1/customers/{id}");
        // The raw path (ids, serials, a subscriber) is masked; the template above stays.
        assertThat(server.getAttributes().get(SpanRedaction.PATH)).isEqualTo(SpanRedaction.MASK);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("client.address"))).isIn(null, SpanRedaction.MASK);
        assertThat(trace).allSatisfy(s -> assertThat(s.getAttributes().toString()).doesNotContain(id));
        List<SpanData> jdbc = trace.stream().filter(TracingTest::isJdbc).toList();
        assertThat(jdbc).as("JDBC spans of the request: " + trace).isNotEmpty()
                .allSatisfy(s -> assertThat(descendsFrom(s, server, trace)).isTrue());
        assertThat(jdbc).anySatisfy(s -> assertThat(statement(s)).containsIgnoringCase("from customer").contains("?"));

        assertThat(accessLine(correlation).getMdc("traceId")).isEqualTo(traceId);
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceThatItsAccessLineNames() throws Exception {
        String correlation = "trn-" + UUID.randomUUID();
        as("SALES").header("X-Correlation-Id", correlation).get("/api/v1/customers/" + UUID.randomUUID()).then().statusCode(404);
        List<SpanData> trace = trace(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("GET /api/v1/customers/{id}"));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(accessLine(correlation).getMdc("traceId")).isEqualTo(server.getTraceId());
    }

    @Test
    void aJobRunIsASpanWithItsStatements() throws Exception {
        as("ADMIN").post("/api/v1/admin/jobs/sla-breach/runs").then().statusCode(200);
        List<SpanData> trace = trace(s -> s.getName().equals("job sla-breach"));
        SpanData job = trace.stream().filter(s -> s.getName().equals("job sla-breach")).findFirst().orElseThrow();
        assertThat(job.getAttributes().get(AttributeKey.stringKey("aftersales.job.trigger"))).isEqualTo("ADMIN");
        assertThat(job.getAttributes().get(AttributeKey.stringKey("aftersales.job.outcome"))).isEqualTo("OK");
        // Run from the admin API: a child of the request's server span.
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(job.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(trace.stream().filter(TracingTest::isJdbc).filter(s -> descendsFrom(s, job, trace)).map(TracingTest::statement))
                .anySatisfy(sql -> assertThat(sql).containsIgnoringCase("job_run"));
    }

    @Test
    void noSpanAttributeHoldsPersonalData() throws Exception {
        String code = Api.unique("trp");
        as("SALES").body(CustomerBodies.customer(code).name(NAME).contact(contact(CONTACT).phone(PHONE)).json())
                .post("/api/v1/customers").then().statusCode(201);
        // A search by name and by phone: the values are in the query string.
        as("SALES").queryParam("q", NAME).get("/api/v1/customers").then().statusCode(200);
        as("SALES").queryParam("q", PHONE).queryParam("limit", "5").get("/api/v1/customers").then().statusCode(200);

        List<SpanData> searches = trace(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("GET /api/v1/customers")
                && "q=?&limit=?".equals(s.getAttributes().get(SpanRedaction.QUERY)));
        assertThat(searches).anySatisfy(s -> assertThat(isJdbc(s)).isTrue());
        trace(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST /api/v1/customers"));
        List<SpanData> all = exporter.getFinishedSpanItems();
        assertThat(all).filteredOn(TracingTest::isJdbc).isNotEmpty();
        String phoneDigits = PHONE.replace(" ", "").replace("+", "");
        assertThat(all).allSatisfy(s -> {
            String attributes = s.getAttributes().toString() + s.getName() + s.getEvents();
            assertThat(attributes).doesNotContain(NAME).doesNotContain(CONTACT).doesNotContain(PHONE)
                    .doesNotContain("137 2468").doesNotContain(phoneDigits).doesNotContain("%E8%BF%BD")
                    .doesNotContain("137+2468").doesNotContain("137%202468").doesNotContain(code);
        });
    }

    @Test
    void queryValuesAreMaskedKeepingTheirNames() {
        assertThat(SpanRedaction.names("q=%E5%BC%A0&limit=5&flag")).isEqualTo("q=?&limit=?&flag=?");
        assertThat(SpanRedaction.names("")).isEmpty();
    }
}
