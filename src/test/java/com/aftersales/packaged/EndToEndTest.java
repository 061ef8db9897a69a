package com.aftersales.packaged;

import io.quarkus.test.junit.QuarkusTest;

/** {@link EndToEndFlows} in the test JVM, through the mock Lambda event server of Quarkus' test mode. */
@QuarkusTest
class EndToEndTest extends EndToEndFlows {
}
