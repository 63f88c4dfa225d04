package dev.wxgate.adapters.web.internal;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.HttpErrors;
import dev.wxgate.adapters.web.PageUrlErrors;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.jssdk.PageUrlRejectedException;
import dev.wxgate.application.token.NoAccessTokenException;
import dev.wxgate.application.token.NotAnOfficialAccountException;
import dev.wxgate.application.token.TokenUnavailableException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Adapter: the internal API's failures as a status and a stable JSON error code. The messages are written for the
 * operators of the calling backend (which app, why, when to retry) and never carry a token, key or secret.
 * Other HTTP-level failures (wrong method, media type) are left to the application-wide handling.
 */
@RestControllerAdvice(assignableTypes = {InternalTokenController.class, InternalTicketController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class InternalApiErrors {
    private static final Logger log = LoggerFactory.getLogger(InternalApiErrors.class);

    private final Clock clock;

    InternalApiErrors(Clock clock) {
        this.clock = clock;
    }

    /** The path's app id is not an app id at all. */
    static final class MalformedAppIdException extends RuntimeException {
        MalformedAppIdException(String message) {
            super(message);
        }
    }

    /** The client's key does not cover this app. */
    static final class AppNotAllowedException extends RuntimeException {
        AppNotAllowedException(InternalClient client, AppId appId) {
            super("client " + client.id() + " may not read app " + appId);
        }
    }

    private static ResponseEntity<ErrorBody> error(HttpStatus status, String code, String message) {
        return ErrorBody.answer(status, code, message);
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> malformedAppId(MalformedAppIdException malformed) {
        return error(HttpStatus.BAD_REQUEST, "invalid_app_id", malformed.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notAllowed(AppNotAllowedException denied) {
        log.info("internal API: {}", denied.getMessage());
        return error(HttpStatus.FORBIDDEN, "app_not_allowed", denied.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unknownApp(UnknownAppException unknown) {
        return error(HttpStatus.NOT_FOUND, "unknown_app", unknown.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> notAnOfficialAccount(NotAnOfficialAccountException notOne) {
        return error(HttpStatus.BAD_REQUEST, "not_an_official_account", notOne.getMessage());
    }

    /** A website app: WeChat issues it no access_token, so there is none to serve or report. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> noAccessToken(NoAccessTokenException none) {
        return error(HttpStatus.BAD_REQUEST, "not_supported_for_app_type", none.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unknownTicketType(InternalTicketController.UnknownTicketTypeException unknown) {
        return error(HttpStatus.NOT_FOUND, "unknown_ticket_type", unknown.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> pageUrl(PageUrlRejectedException rejected) {
        return PageUrlErrors.answer(rejected);
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> tokenUnavailable(TokenUnavailableException unavailable) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON);
        unavailable.retryAfter().ifPresent(at -> {
            long seconds = Math.max(1, (Duration.between(clock.instant(), at).toMillis() + 999) / 1000);
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        });
        return answer.body(new ErrorBody("token_unavailable", unavailable.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException unavailable) {
        log.warn("internal API: {}", unavailable.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(
                        "store_unavailable", "the token store (Redis) cannot be reached; retry in a moment"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException unreadable) {
        if (HttpErrors.tooLarge(unreadable).isPresent()) {
            return error(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    HttpErrors.tooLarge(unreadable).get().getMessage());
        }
        return error(
                HttpStatus.BAD_REQUEST,
                "malformed_json",
                "the body must be {\"accessToken\": \"...\"} (a ticket report {\"ticket\": \"...\"}, a JS-SDK"
                        + " signature {\"url\": \"...\"})");
    }

    /** A value object refused the input; its message names the field and never echoes the value. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> invalid(IllegalArgumentException invalid) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
    }
}
