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
            return http.handleRequest(event, context);
        }
        if (!(event instanceof FunctionEvent input)) {
            throw new IllegalArgumentException("this is the " + selected.get().name() + " function: it takes its own JSON input, "
                    + "not an API Gateway event");
        }
        return new FunctionResult(selected.get().function().handle(input.input()));
    }
}
