package com.aftersales.support;

import java.util.UUID;

/** Raw API Gateway v2 events, as EventBridge Scheduler sends them, for the mock Lambda event server ("/_lambda_"). */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** The event of a job schedule: POST /internal/jobs/{job} with the job token header. */
    public static String jobTrigger(String job, String token) {
        return """
                {"version":"2.0","routeKey":"$default","rawPath":"/internal/jobs/%1$s","rawQueryString":"",
                 "headers":{"x-aftersales-job-token":"%2$s","content-type":"application/json"},
                 "requestContext":{"http":{"method":"POST","path":"/internal/jobs/%1$s","protocol":"HTTP/1.1",
                   "sourceIp":"127.0.0.1","userAgent":"EventBridge Scheduler"},"requestId":"r-%3$s","routeKey":"$default",
                   "stage":"$default"},
                 "body":"{}","isBase64Encoded":false}""".formatted(job, token, UUID.randomUUID());
    }
}
