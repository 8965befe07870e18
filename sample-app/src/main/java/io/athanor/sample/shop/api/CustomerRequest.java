package io.athanor.sample.shop.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of POST /api/customers. */
public record CustomerRequest(
        @NotBlank @Size(max = 50) @Pattern(regexp = "\\P{Cc}*", message = "must not contain control characters") String name,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter country code such as GB") String country) {
}
