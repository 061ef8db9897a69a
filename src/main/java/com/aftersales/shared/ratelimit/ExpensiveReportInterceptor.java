package com.aftersales.shared.ratelimit;

import com.aftersales.shared.error.ProblemException;
import com.aftersales.shared.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;

/**
 * Takes one report from the caller's quota before the endpoint runs (after authentication and the role check), and gives
 * it back when the request is refused as the client's error (4xx: bad parameters, not found), which ran no report and
 * changes nothing.
 */
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
        String subject = caller.subject();
        ReportQuota.Taken taken = quota.take(subject);
        try {
            return context.proceed();
        } catch (Exception e) {
            if (clientError(e)) {
                quota.giveBack(taken);
            }
            throw e;
        }
    }

    private static boolean clientError(Throwable e) {
        if (e instanceof ProblemException p) {
            return p.status() >= 400 && p.status() < 500;
        }
        if (e instanceof WebApplicationException w) {
            return w.getResponse().getStatus() >= 400 && w.getResponse().getStatus() < 500;
        }
        return e instanceof ConstraintViolationException;
    }
}
