package com.aftersales.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts {@link ContractValidation} into RestAssured's global filters before every method of a @QuarkusTest (registered
 * in META-INF/services), so every request a test sends, through {@link Api} or a plain RestAssured.given(), is checked.
 */
public class ContractValidationHook implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ContractValidation.install();
    }
}
