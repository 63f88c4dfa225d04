package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.RateLimitedException;
import dev.wxgate.domain.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Adapter: the failures of introspection and forward auth as a status and a stable JSON error code, in the words of
 * RFC 6749 where it has one ({@code invalid_request}). Messages never carry a token or key.
 */
@RestControllerAdvice(assignableTypes = {SessionIntrospectionController.class, ForwardAuthController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionCheckErrors {
    private static final Logger log = LoggerFactory.getLogger(SessionCheckErrors.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> missingToken(SessionIntrospectionController.MissingTokenException missing) {
        return ResponseEntity.badRequest().body(new ErrorBody("invalid_request", missing.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notAForm(SessionIntrospectionController.NotAFormException notAForm) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new ErrorBody("unsupported_media_type", notAForm.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> rateLimited(RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(new ErrorBody("rate_limited", "too many introspection requests; retry after " + seconds + " s"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException unavailable) {
        log.warn("session check: {}", unavailable.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ErrorBody("store_unavailable", "the session store cannot be reached; retry in a moment"));
    }
}
