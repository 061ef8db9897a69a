package com.aftersales.shared.lambda.aws;

import com.aftersales.shared.lambda.LambdaFunctions;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/**
 * The one Lambda handler of the package is Quarkus' HTTP handler (the HTTP extension allows no other); this decorator
 * gives the invocations of the jobs and migrate functions ({@code QUARKUS_LAMBDA_HANDLER=jobs|migrate}) to their
 * {@code LambdaFunction} instead. Each function takes only its own kind of event: an API Gateway event sent to the jobs
 * function, or a job's input sent to the API function, fails the invocation.
 */
@Decorator
@Priority(1)
abstract class FunctionDispatch implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    @Delegate
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http;

    @Inject
    LambdaFunctions functions;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var selected = functions.selected();
        if (selected.isEmpty()) {
            if (event instanceof FunctionEvent input) {
                throw new IllegalArgumentException("this is the HTTP API function: it takes API Gateway events, not "
                        + input.input().keySet() + " (a job goes to the jobs function)");
            }
            if (upgrade(event)) {
                return upgradeRefused();
            }
            return http.handleRequest(event, context);
        }
        if (!(event instanceof FunctionEvent input)) {
            throw new IllegalArgumentException("this is the " + selected.get().name() + " function: it takes its own JSON input, "
                    + "not an API Gateway event");
        }
        return new FunctionResult(selected.get().function().handle(input.input()));
    }

    /**
     * A request to switch to WebSocket (e.g. from Dev UI's JSON-RPC socket in dev mode). The service
     * has no such endpoint and API Gateway's HTTP APIs carry none; handed to Quarkus' HTTP handler it would never get a
     * complete response, and the handler waits for one without a time limit: the function's one thread stays blocked
     * and every later invocation waits behind it (in dev mode: the whole server hangs; docs/performance.md).
     */
    static boolean upgrade(APIGatewayV2HTTPEvent event) {
        return event.getHeaders() != null && event.getHeaders().entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("upgrade")
                && h.getValue() != null && h.getValue().toLowerCase(java.util.Locale.ROOT).contains("websocket"));
    }

    /** 400 problem+json at once, without entering the HTTP stack. */
    static APIGatewayV2HTTPResponse upgradeRefused() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(400);
        response.setHeaders(java.util.Map.of("Content-Type", "application/problem+json"));
        response.setBody("{\"type\":\"urn:problem:aftersales:upgrade_not_supported\",\"title\":\"Protocol upgrade not "
                + "supported\",\"status\":400,\"detail\":\"This API answers plain HTTP requests only (no WebSocket).\"}");
        return response;
    }
}
