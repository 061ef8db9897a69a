package com.aftersales.support;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side evidence of overlap for the {@code @QuarkusTest} races: a JAX-RS filter of the test application that
 * records, for each request, the thread that ran it and when its handling began and ended on that thread (request and
 * response filters of a blocking resource method run on the worker thread that runs the method, so a worker pool that
 * runs one request at a time shows no overlap here, even when the HTTP layer accepted many connections at once).
 *
 * <p>Which build runs the tests decides what the races can claim. In the Lambda build ({@code ./mvnw verify}) the mock
 * event server hands the one function one invocation after another: the races run serially by construction, and
 * {@link #proveOverlap} only states it. In the server build ({@code ./mvnw verify -Dserver}: plain HTTP, a worker
 * pool) requests overlap, and {@link #proveOverlap} fails unless at least two were in flight at once.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class ServerRequests implements ContainerRequestFilter, ContainerResponseFilter {

    /** A request handled by the application: method, path, thread, handling began and ended (System.nanoTime). */
    record Handled(String method, String path, String thread, long start, long end) {
    }

    private static final String STARTED = ServerRequests.class.getName() + ".started";
    private static final Queue<Handled> HANDLED = new ConcurrentLinkedQueue<>();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        long end = System.nanoTime();
        if (request.getProperty(STARTED) instanceof Long start) {
            HANDLED.add(new Handled(request.getMethod(), request.getUriInfo().getRequestUri().getPath(),
                    Thread.currentThread().getName(), start, end));
        }
    }

    /** True when the tests run against the plain HTTP server build ({@code -Dserver}), where requests overlap. */
    public static boolean serverBuild() {
        return "server".equals(System.getProperty("aftersales.package"));
    }

    /** A mark before a burst of requests: {@link #since} looks only at requests whose handling began after it. */
    public static long mark() {
        return System.nanoTime();
    }

    /** The requests handled since {@code mark} whose path starts with {@code path}, and how much they overlapped. */
    public static Overlap since(long mark, String path) {
        List<Overlap.Span> spans = HANDLED.stream().filter(h -> h.start() >= mark && h.path().startsWith(path))
                .map(h -> new Overlap.Span(h.thread(), h.start(), h.end())).toList();
        return Overlap.of(spans);
    }

    /**
     * In the server build, proves that the requests since {@code mark} to paths under {@code path} overlapped (at least
     * two in flight at once) and fails otherwise; in the Lambda build, says that they ran serially by construction.
     * Returns what was seen.
     */
    public static Overlap proveOverlap(String what, long mark, String path) {
        Overlap overlap = since(mark, path);
        if (serverBuild()) {
            System.out.printf("[measure] server build, %s: %s%n", what, overlap);
            assertThat(overlap.maxInFlight()).as("%s in flight at once in the server build (%s)", what, overlap)
                    .isGreaterThanOrEqualTo(2);
        } else {
            System.out.printf("[measure] Lambda build, %s: serial by construction (one invocation at a time from the mock "
                    + "event server; overlap is proven by -Dserver and PackagedJvmScaleOutIT): %s%n", what, overlap);
        }
        return overlap;
    }
}
