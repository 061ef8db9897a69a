package com.aftersales.support;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static com.aftersales.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The service reads the moved clock, and ClockReset puts it back before the next test. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClockTest {

    @Test
    @Order(1)
    void theServiceSeesTheMovedClock() {
        TestClock.moveTo(LocalDateTime.of(2030, 6, 1, 9, 0));
        assertThat(TestClock.today()).hasToString("2030-06-01");
        // The service's today is the clock's: a unit made "today" is taken, one made "tomorrow" is refused.
        String customer = Api.newCustomer(Api.unique("ck"));
        as("SALES").body(UnitBodies.unit(customer).productionDate(LocalDate.of(2030, 6, 1)).json()).post("/api/v1/units").then().statusCode(201);
        as("SALES").body(UnitBodies.unit(customer).productionDate(LocalDate.of(2030, 6, 2)).json()).post("/api/v1/units").then().statusCode(422)
                .body("errors[0].field", equalTo("productionDate"));
        TestClock.advance(Duration.ofDays(1));
        assertThat(TestClock.today()).hasToString("2030-06-02");
    }

    @Test
    @Order(2)
    void theNextTestFindsTheSystemClock() {
        assertThat(Duration.between(Instant.now(), TestClock.now().toInstant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
