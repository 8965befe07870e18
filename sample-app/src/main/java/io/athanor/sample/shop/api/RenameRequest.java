package io.athanor.sample.shop.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of PUT /api/customers/{id}/name. */
public record RenameRequest(@NotBlank @Size(max = 50) String name) {
}
