package com.aftersales.shared.migration.lambda;

import com.aftersales.shared.migration.SchemaMigration;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * The migration function: the same package as the API, with {@code QUARKUS_LAMBDA_HANDLER=migrate}. Every invocation
 * (the deploy workflow's {@code aws lambda invoke}, input {@code {}}) runs {@link SchemaMigration#migrate()} and
 * answers {@code {"statusCode":200,"body":"{\"applied\":n,\"version\":\"v\"}"}}; a failure is thrown, so the
 * invocation fails (FunctionError) and the deploy stops.
 * <p>
 * Why a decorator of the HTTP handler and not a {@code @Named("migrate") RequestHandler}: with
 * quarkus-amazon-lambda-http (3.34) the build refuses any other RequestHandler in the application ("Multiple handler
 * classes", AmazonLambdaProcessor) and always calls its own handler, so {@code quarkus.lambda.handler} selects nothing
 * there. Quarkus asks CDI for that handler on every invocation, in the JVM runtime and in the native poll loop alike,
 * so a decorator sees each event first; outside the migration function it passes every event on unchanged.
 */
@Decorator
@Priority(10)
public abstract class MigrateFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String NAME = "migrate";

    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http;

    @Inject
    SchemaMigration migration;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.lambda.handler")
    Optional<String> handler;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (!handler.filter(NAME::equals).isPresent()) {
            return http.handleRequest(event, context);
        }
        SchemaMigration.Result result = migration.migrate();
        var body = json.createObjectNode().put("applied", result.applied()).put("version", result.version());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(body.toString()).build();
    }
}
