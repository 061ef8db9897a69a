package com.aftersales.packaged;

import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.vertx.ext.web.RoutingContext;

/**
 * A Lambda runtime API for a function that takes plain JSON events (the jobs function): Quarkus' mock event server,
 * which queues what is posted to {@code /_lambda_} and answers it with the invocation's result (200) or error (500).
 * It acknowledges an invocation error with 202, as Lambda does: AWS's runtime interface client stops on anything else
 * (the mock server answers 204, which only Quarkus' own poll loop accepts).
 */
final class LambdaRuntimeApi extends MockEventServer {

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
}
