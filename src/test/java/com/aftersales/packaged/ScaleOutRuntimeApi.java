package com.aftersales.packaged;

import com.aftersales.support.Overlap;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaApi;
import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One Lambda runtime API polled by several function processes, as Lambda scales a function out: Quarkus' mock HTTP
 * event server turns each HTTP request into an API Gateway v2 event in one queue, and each pending invocation goes to
 * whichever process polls next. Each process reaches it under its own prefix ({@code /instance/<n>/_lambda_}, the
 * AWS_LAMBDA_RUNTIME_API of process n), so the server knows which process answered what. It records, per invocation,
 * when it was handed out and when its answer came back: from these the tests prove that their requests really
 * overlapped (several processes answered, several invocations were in flight at once).
 */
final class ScaleOutRuntimeApi extends MockHttpEventServer {

    /** An invocation: the HTTP request it carried, the process that answered it, handed out and answered (nanoTime). */
    record Invocation(String method, String path, String instance, long handedOut, long answered) {
    }

    private record Pending(String method, String path, long handedOut) {
    }

    private final Map<String, Pending> handedOut = new ConcurrentHashMap<>();
    private final List<Invocation> answered = new CopyOnWriteArrayList<>();
    private final Set<String> polled = ConcurrentHashMap.newKeySet();

    /** The runtime API address of process {@code instance} (AWS_LAMBDA_RUNTIME_API: host, port and base path). */
    String runtimeApi(int instance) {
        return "localhost:" + getPort() + "/instance/" + instance + BASE_PATH;
    }

    /** The processes that have polled for an invocation at least once: they finished their start. */
    Set<String> polled() {
        return Set.copyOf(polled);
    }

    @Override
    protected void defaultHandlerSetup() {
        // The runtime API under each process' prefix (before the catch-all that turns other requests into events).
        String invocation = "/instance/:instance" + BASE_PATH + AmazonLambdaApi.API_PATH_INVOCATION;
        router.route(invocation + "next").blockingHandler(ctx -> {
            polled.add(ctx.pathParam("instance"));
            nextEvent(ctx);
        });
        router.route(invocation + ":requestId" + AmazonLambdaApi.API_PATH_RESPONSE).handler(ctx -> {
            answered(ctx);
            handleResponse(ctx);
        });
        router.route(invocation + ":requestId" + AmazonLambdaApi.API_PATH_ERROR).handler(ctx -> {
            answered(ctx);
            handleError(ctx);
        });
        // A process whose start failed reports it here and exits (as Lambda, acknowledged with 202).
        router.route("/instance/:instance" + BASE_PATH + AmazonLambdaApi.API_PATH_INIT_ERROR).handler(ctx -> {
            log.errorf("function process %s failed to start: %s", ctx.pathParam("instance"), ctx.getBodyAsString());
            ctx.response().setStatusCode(202).end();
        });
        super.defaultHandlerSetup();
    }

    @Override
    protected io.vertx.core.buffer.Buffer processEventBody(RoutingContext request) {
        // Called when a process takes the invocation.
        handedOut.put(request.get(AmazonLambdaApi.LAMBDA_RUNTIME_AWS_REQUEST_ID),
                new Pending(request.request().method().name(), request.request().path(), System.nanoTime()));
        return super.processEventBody(request);
    }

    private void answered(RoutingContext ctx) {
        long now = System.nanoTime();
        Pending pending = handedOut.remove(ctx.pathParam("requestId"));
        if (pending != null) {
            answered.add(new Invocation(pending.method(), pending.path(), ctx.pathParam("instance"), pending.handedOut(), now));
        }
    }

    /** As Lambda: an invocation error is acknowledged with 202 (AWS's runtime interface client stops on anything else). */
    @Override
    public void handleError(RoutingContext ctx) {
        RoutingContext pending = responsePending.remove(ctx.pathParam("requestId"));
        if (pending == null) {
            ctx.fail(404);
            return;
        }
        processError(ctx, pending, ctx.getBody());
        ctx.response().setStatusCode(202).end();
    }

    /** A mark before a burst of requests: {@link #since} looks only at invocations handed out after it. */
    long mark() {
        return System.nanoTime();
    }

    /**
     * The invocations handed out after {@code mark} whose request matches, and how much they overlapped (served by: the
     * processes that answered them; from hand-out to answer).
     */
    Overlap since(long mark, Predicate<Invocation> which) {
        return Overlap.of(answered.stream().filter(i -> i.handedOut() >= mark).filter(which)
                .map(i -> new Overlap.Span(i.instance(), i.handedOut(), i.answered())).toList());
    }
}
