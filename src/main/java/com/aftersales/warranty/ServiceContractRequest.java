package com.aftersales.warranty;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A paid service contract as sales signs it. The fee is CNY with at most two decimals (fen). */
public record ServiceContractRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_/-]{1,40}", message = "{aftersales.contract.no}") String contractNo,
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @Positive @Max(10_000_000) Integer mileageLimitKm,
        @NotNull @DecimalMin("0.00") @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2) BigDecimal feeCny,
        @NotBlank @Size(max = 2000) String coverage,
        LocalDate signedOn) {
}
