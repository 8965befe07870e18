package io.athanor.sample.shop.api;

import io.athanor.orm.IntegrityException;

import jakarta.validation.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns every failure a client can cause into a 4xx JSON answer; nothing it does yields a 500. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static ResponseEntity<ApiError> answer(HttpStatus status, String message, Map<String, String> fields) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message, fields));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException failure) {
        return answer(HttpStatus.NOT_FOUND, failure.getMessage(), Map.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException failure) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError error : failure.getBindingResult().getFieldErrors()) {
            fields.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        return answer(HttpStatus.BAD_REQUEST, "The request body is invalid.", fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException failure) {
        Map<String, String> fields = new LinkedHashMap<>();
        failure.getParameterValidationResults().forEach(result -> fields.put(
                result.getMethodParameter().getParameterName(),
                result.getResolvableErrors().get(0).getDefaultMessage()));
        return answer(HttpStatus.BAD_REQUEST, "A request parameter is invalid.", fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> invalidConstraint(ConstraintViolationException failure) {
        Map<String, String> fields = new LinkedHashMap<>();
        failure.getConstraintViolations().forEach(violation ->
                fields.put(violation.getPropertyPath().toString(), violation.getMessage()));
        return answer(HttpStatus.BAD_REQUEST, "A request parameter is invalid.", fields);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> unreadable(Exception failure) {
        return answer(HttpStatus.BAD_REQUEST, "The request could not be read: send JSON of the documented shape and"
                + " numeric ids.", Map.of());
    }

    @ExceptionHandler({DataIntegrityViolationException.class, IntegrityException.class})
    ResponseEntity<ApiError> conflict(RuntimeException failure) {
        return answer(HttpStatus.CONFLICT, "The change conflicts with existing data (for example, a customer with"
                + " that name exists already).", Map.of());
    }
}
