package com.aftersales.unit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerialNoTest {

    @Test
    void foldsFullWidthTrimsAndUpperCases() {
        assertThat(SerialNo.of("  ｔｍ２２０－２０２３　").value()).isEqualTo("TM220-2023");
        assertThat(SerialNo.of("\tab-12/3.x ").value()).isEqualTo("AB-12/3.X");
    }

    @Test
    void acceptsOnlyStampableCharacters() {
        assertThat(SerialNo.of("TM220-2023-000101").isValid()).isTrue();
        assertThat(SerialNo.of("").isValid()).isFalse();
        assertThat(SerialNo.of("AB 12").isValid()).isFalse();
        assertThat(SerialNo.of("钢印").isValid()).isFalse();
        assertThat(SerialNo.of("-AB").isValid()).isFalse();
        assertThat(SerialNo.of("A".repeat(41)).isValid()).isFalse();
    }

    @Test
    void everySpellingOfOneSerialIsTheSameValue() {
        assertThat(new SerialNo(" ａｂ１２３ ")).isEqualTo(SerialNo.of("AB123"));
        assertThat(SerialNo.of("ab123").toString()).isEqualTo("AB123");
        assertThat(SerialNo.of(null)).isNull();
        assertThat(SerialNo.of("AB2").compareTo(SerialNo.of("ａｂ１"))).isPositive();
    }
}
