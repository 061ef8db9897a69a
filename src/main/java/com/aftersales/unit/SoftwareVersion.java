package com.aftersales.unit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The version one software or firmware component of a unit runs (e.g. "MCU" 1.4.2, "APP" 2.0.1), and since when.
 * Components are kept upper-case and trimmed, versions trimmed as written.
 */
@RegisterForReflection
public record SoftwareVersion(String component, String version, OffsetDateTime updatedAt) {

    /**
     * Component names: Latin letters, digits or Chinese characters and {@code _ . / + -}, at most 40 characters (the
     * pattern is also the OpenAPI document's, so it keeps to what Java and ECMA 262 regexes both read alike).
     */
    static final String COMPONENT = "\\s*[A-Za-z0-9\\u4e00-\\u9fa5][A-Za-z0-9\\u4e00-\\u9fa5_./+-]{0,39}\\s*";
    /** Versions: letters, digits and {@code . _ + -} without blanks, at most 60 characters (1.4.2, V2.0.1-rc1). */
    static final String VERSION = "\\s*[A-Za-z0-9][A-Za-z0-9._+-]{0,59}\\s*";

    static final java.util.regex.Pattern COMPONENT_PATTERN = java.util.regex.Pattern.compile(COMPONENT);
    static final java.util.regex.Pattern VERSION_PATTERN = java.util.regex.Pattern.compile(VERSION);

    /** A component and its version as a registration, an import row or a unit correction states them. */
    @RegisterForReflection
    @Schema(name = "SoftwareVersionEntry")
    public record Entry(@NotBlank @Size(max = 40) @Pattern(regexp = COMPONENT, message = "{aftersales.software.component}") String component,
                        @NotBlank @Size(max = 60) @Pattern(regexp = VERSION, message = "{aftersales.software.version}") String version) {
    }

    static String component(String raw) {
        return raw.strip().toUpperCase(Locale.ROOT);
    }
}
