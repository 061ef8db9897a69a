package com.aftersales.unit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerialNumbersTest {

    @Test
    void foldsFullWidthTrimsAndUpperCases() {
        assertThat(SerialNumbers.normalise("  ｔｍ２２０－２０２３　")).isEqualTo("TM220-2023");
        assertThat(SerialNumbers.normalise("\tab-12/3.x ")).isEqualTo("AB-12/3.X");
    }

    @Test
    void acceptsOnlyStampableCharacters() {
        assertThat(SerialNumbers.isValid("TM220-2023-000101")).isTrue();
        assertThat(SerialNumbers.isValid("")).isFalse();
        assertThat(SerialNumbers.isValid("AB 12")).isFalse();
        assertThat(SerialNumbers.isValid("钢印")).isFalse();
        assertThat(SerialNumbers.isValid("-AB")).isFalse();
        assertThat(SerialNumbers.isValid("A".repeat(41))).isFalse();
    }
}
