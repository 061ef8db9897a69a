package com.aftersales.shared.lambda.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** A {@code LambdaFunction}'s result, written by {@link FunctionJson} as itself, not as an HTTP response. */
final class FunctionResult extends APIGatewayV2HTTPResponse {

    private final transient Object output;

    FunctionResult(Object output) {
        this.output = output;
    }

    Object output() {
        return output;
    }
}
