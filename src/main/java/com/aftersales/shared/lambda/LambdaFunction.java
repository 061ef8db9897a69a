package com.aftersales.shared.lambda;

import java.util.Map;

/**
 * A Lambda function of this package besides the HTTP API, as a {@code @Named} bean: the deployed function whose
 * {@code QUARKUS_LAMBDA_HANDLER} is that name gets its invocations (see {@link LambdaFunctions}). Its input is the
 * invocation's JSON object; what it returns is the invocation's JSON result; what it throws fails the invocation, so the
 * caller (EventBridge Scheduler's retries and dead-letter queue, {@code aws lambda invoke}) sees the failure.
 */
public interface LambdaFunction {

    Object handle(Map<String, Object> input);
}
