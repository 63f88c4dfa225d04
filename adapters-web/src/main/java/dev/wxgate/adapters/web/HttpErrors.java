package dev.wxgate.adapters.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Adapter: the JSON answer to HTTP-level failures of any endpoint (unreadable body, wrong method or media type, no
 * such path) and the last resort for our own bugs: a stable code and fixed text, never a parser's words or a stack
 * trace. Endpoint-specific advice runs first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    static ResponseEntity<ErrorBody> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new ErrorBody(code, message));
    }

    /** Reading a body past the limit a filter set is answered 413 wherever it is detected. */
    public static class PayloadTooLargeException extends java.io.IOException {
        public PayloadTooLargeException(long maxBytes) {
            super("the request body is larger than " + maxBytes + " bytes");
        }
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException unreadable) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return error(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", tooLarge.getMessage());
            }
        }
        return error(HttpStatus.BAD_REQUEST, "malformed_json", "the request body is not the JSON this call takes");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException unsupported) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException notAcceptable) {
        return error(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "this call answers application/json");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException wrongMethod) {
        return error(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this path does not take " + wrongMethod.getMethod());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> header(MissingRequestHeaderException missing) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", "header " + missing.getHeaderName() + " is required");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", mismatch.getName() + " is malformed");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> noSuchPath(NoResourceFoundException notFound) {
        return error(HttpStatus.NOT_FOUND, "not_found", "no such API path");
    }

    /** Anything else is our bug: logged for us, a plain 500 for the caller. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> unexpected(Exception failure) {
        log.error("unexpected failure handling an HTTP request", failure);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "something went wrong on our side");
    }
}
