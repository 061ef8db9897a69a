package com.aftersales.shared.observe;

import com.aftersales.shared.web.CorrelationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One access log line per request, when its response has ended, with what operations need and nothing a person could
 * be recognised by: the request ids (API Gateway's and the Lambda invocation's, when present), the trace id (W3C, 32 hex
 * digits; the caller's when it sent a traceparent header; present while tracing is on), the correlation id,
 * the caller's token subject ({@code sub}; never a name, e-mail or phone), the route template (never the raw path or
 * query: they carry serials, names typed in searches), method, status and duration. The fields are MDC entries, so the
 * JSON log format (prod) gives each its own member under {@code mdc}; dev and tests keep the plain console line.
 *
 * <p>The same handler records the request metrics: the timer {@code aftersales.http.requests} (method, route, status,
 * outcome; Prometheus buckets for percentiles) and the counter {@code aftersales.http.errors} (5xx), and in Lambda one
 * EMF line (shared.observe.Emf) with Latency and Errors (5xx) per Route, and the connection pool's state as the request
 * ended (shared.observe.PoolMetrics; no dimension).
 */
@ApplicationScoped
public class AccessLog {

    static final String CATEGORY = "com.aftersales.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** Where Quarkus REST puts the matched resource method's path template (its observability integration). */
    private static final String TEMPLATE = "UrlPathTemplate";
    private static final String UNMATCHED = "unmatched";
    private static final String[] FIELDS = {"requestId", "awsRequestId", "traceId", "correlationId", "subject", "route", "method",
            "status", "durationMs"};

    @Inject
    MeterRegistry registry;

    @Inject
    RequestIds requestIds;

    @Inject
    Emf emf;

    @Inject
    PoolMetrics pool;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            long start = System.nanoTime();
            // The request's trace (OpenTelemetry's server span, begun before routing; none while tracing is off).
            SpanContext span = Span.current().getSpanContext();
            String traceId = span.isValid() ? span.getTraceId() : null;
            rc.addEndHandler(ended -> record(rc, System.nanoTime() - start, traceId));
            rc.next();
        });
    }

    private void record(RoutingContext rc, long nanos, String traceId) {
        try {
            String method = rc.request().method().name();
            String route = route(rc);
            int status = rc.response().getStatusCode();
            double millis = Math.round(nanos / 100_000.0) / 10.0;
            String requestId = requestIds.gatewayRequestId(rc);
            String invocationId = requestIds.invocationId(rc);
            String correlationId = rc.response().headers().get(CorrelationId.HEADER);

            String key = method + ' ' + route + ' ' + status;
            timers.computeIfAbsent(key, k -> Timer.builder("aftersales.http.requests")
                    .description("HTTP requests by route template")
                    .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                    .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                    .serviceLevelObjectives(SLOS)
                    .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (status >= 500) {
                errors.computeIfAbsent(key, k -> Counter.builder("aftersales.http.errors")
                        .description("HTTP requests answered with a 5xx status, by route template")
                        .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                        .register(registry)).increment();
            }

            put("requestId", requestId);
            put("awsRequestId", invocationId);
            put("traceId", traceId);
            put("correlationId", correlationId);
            put("subject", subject(rc));
            put("route", route);
            put("method", method);
            put("status", Integer.toString(status));
            put("durationMs", Double.toString(millis));
            // Concatenated, not infof: a format string is parsed again at every call (java.util.Formatter).
            LOG.info(method + ' ' + route + ' ' + status + ' ' + millis + " ms");

            if (emf.enabled()) {
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("requestId", requestId);
                properties.put("awsRequestId", invocationId);
                properties.put("correlationId", correlationId);
                properties.put("traceId", traceId);
                // Two metrics per route (each a CloudWatch custom metric, billed for the hours it gets data); 4xx are
                // in the access log (status) for Logs Insights.
                properties.put("status", Integer.toString(status));
                emf.emit(Map.of("Route", method + ' ' + route), properties, List.of(Emf.Metric.millis("Latency", millis),
                        Emf.Metric.count("Errors", status >= 500 ? 1 : 0)), pool.metrics());
            }
        } catch (RuntimeException e) {
            // The response is out already: a failure here must not become the request's.
            LOG.debug("access log failed", e);
        } finally {
            for (String field : FIELDS) {
                MDC.remove(field);
            }
        }
    }

    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        } else {
            MDC.remove(key);
        }
    }

    /** Quarkus' own endpoints that API Gateway or a scraper may call (fixed paths). */
    private static final java.util.Set<String> ENDPOINTS = java.util.Set.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/metrics", "/q/openapi");

    /** The route template of a JAX-RS request; the path of Quarkus' own endpoints; else "unmatched" (any raw path). */
    static String route(RoutingContext rc) {
        if (rc.request() instanceof HttpServerRequestInternal internal) {
            Object template = internal.context().getLocal(TEMPLATE);
            if (template != null) {
                return template.toString();
            }
        }
        String path = rc.normalizedPath();
        return path != null && ENDPOINTS.contains(path) ? path : UNMATCHED;
    }

    /** The token's subject; nothing for an anonymous caller or a principal without one (its name may be an e-mail). */
    private static String subject(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt) {
            return jwt.getSubject();
        }
        return null;
    }
}
