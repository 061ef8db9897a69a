package com.aftersales.support;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The request builders write what a hand-written body would, with quoting and escaping done by Jackson. */
class JsonBodyTest {

    @Test
    void textIsEscapedDatesAreIsoAndNullFieldsAreLeftOut() {
        String json = UnitBodies.unit("c-1").serialNo("A\"1\\").endCustomer("郑州公交, 一公司").vin(null)
                .delivered(LocalDate.of(2025, 1, 10)).json();
        assertThat(json).isEqualTo("{\"serialNo\":\"A\\\"1\\\\\",\"productModel\":\"TM220\",\"productLine\":\"COMMERCIAL_VEHICLE\","
                + "\"customerId\":\"c-1\",\"endCustomer\":\"郑州公交, 一公司\",\"productionDate\":\"2025-01-10\","
                + "\"deliveryDate\":\"2025-01-10\"}");
    }

    @Test
    void nestedBuildersAndListsKeepTheirOrder() {
        String json = RecallBodies.campaign(RecallBodies.criteria().productModel("TM220").serialRange("A-1", "A-9")).code("RC-1")
                .filingReference("SAMR-1").json();
        assertThat(json).startsWith("{\"code\":\"RC-1\",").endsWith(",\"criteria\":{\"productModels\":[\"TM220\"],"
                + "\"serialRanges\":[{\"from\":\"A-1\",\"to\":\"A-9\"}]},\"filingReference\":\"SAMR-1\"}");
        assertThat(CaseBodies.transition("CLOSED", null)).isEqualTo("{\"to\":\"CLOSED\"}");
        assertThat(EightDBodies.closure()).isEqualTo("{}");
    }
}
