package io.athanor.sample.shop.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of PUT /api/customers/{id}/name. */
public record RenameRequest(@NotBlank @Size(max = 50) @Pattern(regexp = "\\P{Cc}*", message = "must not contain control characters") String name) {
}
