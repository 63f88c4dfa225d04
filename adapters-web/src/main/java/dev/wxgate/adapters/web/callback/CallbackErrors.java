package dev.wxgate.adapters.web.callback;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.HttpErrors;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.callback.CallbackRejectedException;
import java.io.IOException;
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
 * match, 400 with the answer's fixed text for anything else refused (one answer, {@code undecryptable}, for every
 * failure once {@code msg_signature} held), 404 for an app that takes no callbacks here. The log gets the precise
 * reason, never the body, a token or a key.
 */
@RestControllerAdvice(assignableTypes = CallbackController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallbackErrors {
    private static final Logger log = LoggerFactory.getLogger(CallbackErrors.class);

    /** Answers what the sender may be told; the log (and the callback log) gets what went wrong. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> rejected(CallbackRejectedException rejected) {
        CallbackRejectedException.Reason answer = rejected.answer();
        HttpStatus status = answer == CallbackRejectedException.Reason.BAD_SIGNATURE
                ? HttpStatus.FORBIDDEN
                : HttpStatus.BAD_REQUEST;
        if (answer == rejected.reason()) {
            log.info("callback refused: {}", rejected.reason());
        } else {
            log.info("callback refused: {}, answered {}", rejected.reason(), answer);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(answer.name().toLowerCase(Locale.ROOT), answer.text()));
    }

    /** The body is read raw, so its limit is met here rather than in a message converter. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadableBody(IOException failure) {
        if (failure instanceof HttpErrors.PayloadTooLargeException tooLarge) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ErrorBody("payload_too_large", tooLarge.getMessage()));
        }
        // The sender went away mid-body, or sent a broken chunk: nothing of ours failed.
        log.info("callback body could not be read: {}", failure.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("malformed", CallbackRejectedException.Reason.MALFORMED.text()));
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

    /**
     * WeChat retries a callback that failed: the store may be back by then. A push that could not be stored was not
     * taken, so this answer is what makes WeChat send it again.
     */
    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException failure) {
        log.warn("callback store unavailable: {}", failure.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("store_unavailable", "the push cannot be checked or stored just now"));
    }
}
