package dev.wxgate.adapters.web.callback;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.callback.CallbackRejectedException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Adapter: the callback endpoint's failures as WeChat (or a forger) sees them: 403 for a signature that does not
 * match, 400 with the reason's fixed text for anything else refused, 404 for an app that takes no callbacks here. The
 * log gets the reason and the app, never the body, a token or a key.
 */
@RestControllerAdvice(assignableTypes = CallbackController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallbackErrors {
    private static final Logger log = LoggerFactory.getLogger(CallbackErrors.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> rejected(CallbackRejectedException rejected) {
        HttpStatus status = rejected.reason() == CallbackRejectedException.Reason.BAD_SIGNATURE
                ? HttpStatus.FORBIDDEN
                : HttpStatus.BAD_REQUEST;
        log.info("callback refused: {}", rejected.reason());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(
                        rejected.reason().name().toLowerCase(Locale.ROOT),
                        rejected.reason().text()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unknownApp(UnknownAppException unknown) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("unknown_app", "this app takes no callbacks here"));
    }

    /** Only the path's app id is parsed here: a malformed one is no app of ours. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> malformedAppId(IllegalArgumentException invalid) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("unknown_app", "this app takes no callbacks here"));
    }

    /** WeChat retries a callback that failed: the store may be back by then. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException failure) {
        log.warn("callback store unavailable: {}", failure.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("store_unavailable", "duplicates cannot be checked just now"));
    }
}
