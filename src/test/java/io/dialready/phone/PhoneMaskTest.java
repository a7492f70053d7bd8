package io.dialready.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = "=>", textBlock = """
            +5511987654321 => +5511*****4321
            +551134567890  => +5511****7890
            +919876543210  => +9198****3210
            +12125550100   => +121****0100
            +5540041234    => +55****1234
            +8001234567    => +800*****67
            +99912345678   => +99*****5678
            11987654321    => 11*****4321
            +551234        => +55**34
            '(11) 98765-4321' => 11*****4321
            +55            => +**
            abc            => ***
            '   '          => '   '
            ''             => ''
            """)
    void masksTheMiddleDigits(String in, String expected) {
        assertThat(PhoneMask.mask(in)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"+5511987654321", "+919876543210"})
    void neverShowsTheWholeNumber(String e164) {
        String masked = PhoneMask.mask(e164);
        assertThat(masked).contains("****").hasSameSizeAs(e164);
        assertThat(masked.replace("*", "")).hasSizeLessThanOrEqualTo(e164.length() - 4);
    }

    @org.junit.jupiter.api.Test
    void nullStaysNull() {
        assertThat(PhoneMask.mask(null)).isNull();
    }
}
