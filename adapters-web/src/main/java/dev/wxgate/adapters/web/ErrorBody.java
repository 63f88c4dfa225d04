package dev.wxgate.adapters.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of every JSON error wxgate answers: a stable machine code and a short human message that never
 * carries a secret, a parser's words or a stack trace.
 */
public record ErrorBody(String error, String message) {

    /**
     * An error answer with its content type set up front, so that it is written as JSON even to a client whose
     * {@code Accept} excludes JSON (RFC 9110 allows it) instead of failing content negotiation a second time.
     */
    public static ResponseEntity<ErrorBody> answer(HttpStatusCode status, String code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(code, message));
    }

    /** The generic error of a status, for failures that carry nothing more specific (Tomcat's, the firewall's). */
    public static ErrorBody forStatus(int status) {
        return switch (status) {
            case 400 -> new ErrorBody("malformed_request", "the request is not well-formed HTTP");
            case 401 -> new ErrorBody("unauthenticated", "authentication is required");
            case 403 -> new ErrorBody("forbidden", "not allowed");
            case 404 -> new ErrorBody("not_found", "no such path");
            case 405 -> new ErrorBody("method_not_allowed", "this path does not take this method");
            case 406 -> new ErrorBody("not_acceptable", "this path answers application/json");
            case 408 -> new ErrorBody("request_timeout", "the request did not arrive in time");
            case 411 -> new ErrorBody("length_required", "the request needs a Content-Length");
            case 413 -> new ErrorBody("payload_too_large", "the request body is too large");
            case 414 -> new ErrorBody("uri_too_long", "the request URI is too long");
            case 415 -> new ErrorBody("unsupported_media_type", "this path does not take this media type");
            case 431 -> new ErrorBody("headers_too_large", "the request headers are too large");
            case 501 -> new ErrorBody("not_implemented", "this method is not implemented");
            case 503 -> new ErrorBody("unavailable", "wxgate cannot answer just now");
            case 505 -> new ErrorBody("http_version_not_supported", "use HTTP/1.1");
            default ->
                status >= 500
                        ? new ErrorBody("internal_error", "something went wrong on our side")
                        : new ErrorBody("bad_request", "the request was refused");
        };
    }

    /** The JSON text of this error. */
    public String json() {
        return "{\"error\":\"" + escape(error) + "\",\"message\":\"" + escape(message) + "\"}";
    }

    /** Writes this error where no message converter is at hand (filters, security entry points). */
    public void writeTo(jakarta.servlet.http.HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json());
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
