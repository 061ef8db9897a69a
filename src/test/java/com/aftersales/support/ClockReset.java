package com.aftersales.support;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts the {@link TestClock} back on the system clock after every test method and test class of a @QuarkusTest
 * (registered in META-INF/services). Integration tests run the application in another process: nothing to reset there.
 */
public class ClockReset implements QuarkusTestAfterEachCallback, QuarkusTestAfterAllCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        reset();
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        reset();
    }

    private static void reset() {
        if (Arc.container() != null && Arc.container().isRunning()) {
            TestClock.reset();
        }
    }
}
