package com.aftersales.shared.lambda.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;

/**
 * An invocation that is no API Gateway event ({@code {"job":"sla-breach"}}, {@code {}}): Quarkus' HTTP extension reads
 * every invocation as an {@link APIGatewayV2HTTPEvent}, so {@link FunctionJson} hands such an input over as this subtype.
 */
final class FunctionEvent extends APIGatewayV2HTTPEvent {

    private final transient Map<String, Object> input;

    FunctionEvent(Map<String, Object> input) {
        this.input = input;
    }

    Map<String, Object> input() {
        return input;
    }
}
