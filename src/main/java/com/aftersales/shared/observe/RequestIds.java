package com.aftersales.shared.observe;

import io.quarkus.arc.DefaultBean;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's ids of a request, for the access log: in Lambda, API Gateway's request id and the invocation's
 * (shared.lambda.aws.AwsRequestIds, Lambda build only); none in the server build.
 */
public interface RequestIds {

    /** API Gateway's request id (requestContext.requestId), or null. */
    String gatewayRequestId(RoutingContext rc);

    /** The Lambda invocation's request id (awsRequestId), or null. */
    String invocationId(RoutingContext rc);

    @ApplicationScoped
    @DefaultBean
    class None implements RequestIds {

        @Override
        public String gatewayRequestId(RoutingContext rc) {
            return null;
        }

        @Override
        public String invocationId(RoutingContext rc) {
            return null;
        }
    }
}
