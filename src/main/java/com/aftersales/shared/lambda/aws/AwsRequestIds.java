package com.aftersales.shared.lambda.aws;

import com.aftersales.shared.observe.RequestIds;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Quarkus' Lambda HTTP handler keeps the invocation's {@link Context} and the API Gateway request context beside the
 * request's headers; the access log takes their ids from there.
 */
@ApplicationScoped
class AwsRequestIds implements RequestIds {

    @Override
    public String gatewayRequestId(RoutingContext rc) {
        APIGatewayV2HTTPEvent.RequestContext c = rc.request().headers() instanceof QuarkusHttpHeaders headers
                ? headers.getContextObject(APIGatewayV2HTTPEvent.RequestContext.class) : null;
        return c == null ? null : c.getRequestId();
    }

    @Override
    public String invocationId(RoutingContext rc) {
        Context c = rc.request().headers() instanceof QuarkusHttpHeaders headers ? headers.getContextObject(Context.class) : null;
        return c == null ? null : c.getAwsRequestId();
    }
}
