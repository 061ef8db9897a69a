package com.aftersales.shared.ratelimit;

import com.aftersales.shared.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Takes one report from the caller's quota before the endpoint runs (after authentication and the role check). */
@ExpensiveReport
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ExpensiveReportInterceptor {

    @Inject
    ReportQuota quota;

    @Inject
    Caller caller;

    @AroundInvoke
    Object limit(InvocationContext context) throws Exception {
        quota.take(caller.subject());
        return context.proceed();
    }
}
