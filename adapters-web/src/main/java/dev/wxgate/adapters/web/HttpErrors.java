package dev.wxgate.adapters.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Adapter: the answer to HTTP-level failures of any endpoint (unreadable body, wrong method or media type, no such
 * path) and the last resort for our own bugs: a stable code and fixed text, never a parser's words or a stack trace.
 * Endpoint-specific advice runs first. Every answer is JSON whatever the client accepts, except under the console,
 * which gets its error page through {@code /error} ({@link #isConsole}).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
    private static final DisconnectedClientHelper disconnected =
            new DisconnectedClientHelper(HttpErrors.class.getName());

    /** Reading a body past the limit a filter set is answered 413 wherever it is detected. */
    public static class PayloadTooLargeException extends java.io.IOException {
        public PayloadTooLargeException(long maxBytes) {
            super("the request body is larger than " + maxBytes + " bytes");
        }
    }

    /** The body was cut at a size limit somewhere in this failure's causes. */
    public static Optional<PayloadTooLargeException> tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    /** Whether a request is the HTML console's, whose errors are pages, never JSON. */
    public static boolean isConsole(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/console") || path.startsWith("/console/");
    }

    /**
     * The JSON answer, or for a console request the error dispatch that renders the console's page (a null entity
     * tells Spring the response is handled).
     */
    static ResponseEntity<ErrorBody> answer(
            HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, ErrorBody body)
            throws IOException {
        if (isConsole(request)) {
            response.sendError(status.value());
            return null;
        }
        return ErrorBody.answer(status, body.error(), body.message());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadable(
            HttpMessageNotReadableException unreadable, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<PayloadTooLargeException> tooLarge = tooLarge(unreadable);
        if (tooLarge.isPresent()) {
            return answer(
                    request,
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    new ErrorBody("payload_too_large", tooLarge.get().getMessage()));
        }
        return answer(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                new ErrorBody("malformed_json", "the request body is not the JSON this call takes"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> mediaType(
            HttpMediaTypeNotSupportedException unsupported, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer(
                request,
                response,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                new ErrorBody("unsupported_media_type", "send application/json"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notAcceptable(
            HttpMediaTypeNotAcceptableException notAcceptable, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer(
                request,
                response,
                HttpStatus.NOT_ACCEPTABLE,
                new ErrorBody("not_acceptable", "this call answers application/json"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> method(
            HttpRequestMethodNotSupportedException wrongMethod,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (wrongMethod.getSupportedHttpMethods() != null) {
            response.setHeader(
                    HttpHeaders.ALLOW,
                    wrongMethod.getSupportedHttpMethods().stream()
                            .map(Object::toString)
                            .collect(Collectors.joining(", ")));
        }
        return answer(
                request,
                response,
                HttpStatus.METHOD_NOT_ALLOWED,
                new ErrorBody("method_not_allowed", "this path does not take " + wrongMethod.getMethod()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> header(
            MissingRequestHeaderException missing, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                new ErrorBody("invalid_request", "header " + missing.getHeaderName() + " is required"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> typeMismatch(
            MethodArgumentTypeMismatchException mismatch, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                new ErrorBody("invalid_request", mismatch.getName() + " is malformed"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> noSuchPath(
            NoResourceFoundException notFound, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return answer(request, response, HttpStatus.NOT_FOUND, new ErrorBody("not_found", "no such API path"));
    }

    /**
     * Tomcat could not parse the form parameters (a chunked form body over {@code max-http-form-post-size}, bad
     * encoding): the client's mistake, answered 413 or 400.
     */
    public static int status(InvalidParameterException invalid) {
        return invalid.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                : HttpServletResponse.SC_BAD_REQUEST;
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> parameters(
            InvalidParameterException invalid, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        log.debug("request parameters refused: {}", invalid.getMessage());
        int status = status(invalid);
        return answer(request, response, HttpStatusCode.valueOf(status), ErrorBody.forStatus(status));
    }

    /** Spring MVC's other request failures (a missing parameter, ...) carry their status: the client's mistake. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> servlet(
            ServletException failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (failure instanceof ErrorResponse described
                && described.getStatusCode().is4xxClientError()) {
            log.debug("request refused: {}", failure.toString());
            int status = described.getStatusCode().value();
            ErrorBody body = status == 400
                    ? new ErrorBody("invalid_request", "a parameter or header is missing or malformed")
                    : ErrorBody.forStatus(status);
            return answer(request, response, described.getStatusCode(), body);
        }
        return unexpected(failure, request, response);
    }

    /** Anything else is our bug: logged once for us, a fixed 500 for the caller; a client gone away is no bug. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> unexpected(Exception failure, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (disconnected.checkAndLogClientDisconnectedException(failure)) {
            return null;
        }
        log.error("unexpected failure handling an HTTP request", failure);
        return answer(
                request,
                response,
                HttpStatus.INTERNAL_SERVER_ERROR,
                new ErrorBody("internal_error", "something went wrong on our side"));
    }
}
