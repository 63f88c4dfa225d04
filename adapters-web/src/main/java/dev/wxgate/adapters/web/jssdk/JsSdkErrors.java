package dev.wxgate.adapters.web.jssdk;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.PageUrlErrors;
import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.jssdk.PageUrlRejectedException;
import dev.wxgate.application.token.NotAnOfficialAccountException;
import dev.wxgate.application.token.TokenUnavailableException;
import dev.wxgate.domain.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Adapter: the public JS-SDK config endpoint's failures as a status and a stable JSON code. Messages never carry a
 * ticket, and never echo the URL (a page's URL may carry its user's data).
 */
@RestControllerAdvice(assignableTypes = JsSdkConfigController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsSdkErrors {
    private static final Logger log = LoggerFactory.getLogger(JsSdkErrors.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> pageUrl(PageUrlRejectedException rejected) {
        return PageUrlErrors.answer(rejected);
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unknownApp(UnknownAppException unknown) {
        return ErrorBody.answer(HttpStatus.NOT_FOUND, "unknown_app", unknown.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notAnOfficialAccount(NotAnOfficialAccountException notOne) {
        return ErrorBody.answer(HttpStatus.BAD_REQUEST, "not_an_official_account", notOne.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> rateLimited(RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("rate_limited", limited.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> ticketUnavailable(TokenUnavailableException unavailable) {
        log.warn("JS-SDK config: {}", unavailable.getMessage());
        return ErrorBody.answer(
                HttpStatus.SERVICE_UNAVAILABLE, "ticket_unavailable", "no jsapi_ticket for this app just now");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException unavailable) {
        log.warn("JS-SDK config: {}", unavailable.getMessage());
        return ErrorBody.answer(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "the store is unavailable");
    }

    /** A value object refused its input (the app id); its message names the field, never the value. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> invalid(IllegalArgumentException invalid) {
        return ErrorBody.answer(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
    }
}
