package io.athanor.sample.shop.api;

import java.util.Map;

/** The JSON body of every error answer: what went wrong, and which fields when the input was invalid. */
public record ApiError(int status, String error, String message, Map<String, String> fields) {
}
