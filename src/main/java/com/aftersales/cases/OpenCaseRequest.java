package com.aftersales.cases;

import com.aftersales.unit.ProductLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What is recorded when a customer reports a problem or asks for a service. A complaint or grievance about the service
 * itself, and a service request, may name no unit; the others need at least one. A service request (type SERVICE) has a
 * purpose and no failure date; every other type has a failure date (for a complaint about service: the day it happened)
 * and no purpose. The product line is given only for a case without units (theirs is the first unit's).
 */
public record OpenCaseRequest(
        @NotNull CaseType type,
        @NotNull UUID customerId,
        @Size(max = 50) List<@Valid @NotNull UnitReport> units,
        LocalDate failureDate,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 10_000) String description,
        @NotNull @Valid Reporter reporter,
        @NotNull Channel channel,
        @NotNull Severity severity,
        ServicePurpose purpose,
        ProductLine productLine) {

    public OpenCaseRequest {
        units = units == null ? List.of() : units;
    }

    /** A unit concerned, with its reading on the failure date. */
    public record UnitReport(
            @NotBlank @Size(max = 60) String serialNo,
            @PositiveOrZero @Max(10_000_000) Integer mileageKm,
            @PositiveOrZero @Max(1_000_000) Integer operatingHours) {
    }

    /** Who reported it and how to reach them. */
    public record Reporter(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 40) @Pattern(regexp = "[0-9+()\\- ]*", message = "{aftersales.phone}") String phone,
            @Size(max = 200) @Email String email) {
    }
}
