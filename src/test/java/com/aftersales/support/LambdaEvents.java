package com.aftersales.support;

import java.util.UUID;

/** Raw API Gateway v2 events, as EventBridge Scheduler sends them, for the mock Lambda event server ("/_lambda_"). */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** The event of a job schedule: POST /internal/jobs/{job} with the job token header. */
    public static String jobTrigger(String job, String token) {
        String path = "/internal/jobs/" + job;
        return JsonBody.of("version", "2.0", "routeKey", "$default", "rawPath", path, "rawQueryString", "",
                "headers", JsonBody.object("x-aftersales-job-token", token, "content-type", "application/json"),
                "requestContext", JsonBody.object(
                        "http", JsonBody.object("method", "POST", "path", path, "protocol", "HTTP/1.1", "sourceIp", "127.0.0.1",
                                "userAgent", "EventBridge Scheduler"),
                        "requestId", "r-" + UUID.randomUUID(), "routeKey", "$default", "stage", "$default"),
                "body", "{}", "isBase64Encoded", false);
    }
}
