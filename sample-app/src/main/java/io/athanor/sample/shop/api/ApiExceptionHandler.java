package io.athanor.sample.shop.api;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.IntegrityException;

import jakarta.validation.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        // The path is method.parameter ("list.sort"); the client knows the parameter by its name alone.
        failure.getConstraintViolations().forEach(violation -> {
            String field = null;
            for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
                field = node.getName();
            }
            fields.put(field, violation.getMessage());
        });
        return answer(HttpStatus.BAD_REQUEST, "A request parameter is invalid.", fields);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> unreadable(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException) {
                return tooLarge((RequestBodyLimitFilter.BodyTooLargeException) cause);
            }
        }
        return answer(HttpStatus.BAD_REQUEST, "The request could not be read: send JSON of the documented shape and"
                + " numeric ids.", Map.of());
    }

    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(RequestBodyLimitFilter.BodyTooLargeException failure) {
        return answer(HttpStatus.valueOf(413), failure.getMessage(), Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException failure) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException failure) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "This resource does not accept " + failure.getMethod() + ".",
                Map.of());
    }

    /** Athanor's codes for a value its column cannot store exactly (docs/errors.md, ATH-E105 to ATH-E111). */
    private static final Set<String> UNSTORABLE = Set.of("ATH-E105", "ATH-E106", "ATH-E107", "ATH-E108", "ATH-E109",
            "ATH-E110", "ATH-E111");

    /**
     * A value that passed the request's validation but that the database cannot store exactly (a name cut in
     * the middle of an emoji, say): Athanor refuses it before writing anything, and the client hears 400. A
     * {@code @Repository} passes the refusal on as Spring's {@code InvalidDataAccessApiUsageException}; a flush
     * at commit throws it as it is.
     */
    @ExceptionHandler({ArgumentException.class, InvalidDataAccessApiUsageException.class})
    ResponseEntity<ApiError> unstorable(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ArgumentException && UNSTORABLE.contains(((ArgumentException) cause).code())) {
                return answer(HttpStatus.BAD_REQUEST, "A value in the request cannot be stored as given ("
                        + ((ArgumentException) cause).code() + "): check it for broken characters or values out of"
                        + " range.", Map.of());
            }
        }
        throw failure;
    }

    @ExceptionHandler({DataIntegrityViolationException.class, IntegrityException.class})
    ResponseEntity<ApiError> conflict(RuntimeException failure) {
        return answer(HttpStatus.CONFLICT, "The change conflicts with existing data (for example, a customer with"
                + " that name exists already).", Map.of());
    }
}
