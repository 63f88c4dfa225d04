package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.jwt.IssueSessionJwt;
import dev.wxgate.application.login.LoginAppException;
import dev.wxgate.application.oauth.WebLoginException;
import dev.wxgate.application.token.NoAccessTokenException;
import dev.wxgate.application.token.TokenUnavailableException;
import dev.wxgate.application.user.NoSessionKeyException;
import dev.wxgate.application.user.StaleSessionKeyException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.wechat.EncryptedDataRejectedException;
import dev.wxgate.domain.wechat.WechatException;
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
 * Adapter: maps the mini-program API's domain and use-case failures to a status and a stable JSON error code.
 * Messages are the domain's own (they name fields, never echo values) or fixed text. HTTP-level failures (bad JSON,
 * wrong method, ...) are {@link dev.wxgate.adapters.web.HttpErrors}'.
 */
@RestControllerAdvice(
        assignableTypes = {
            LoginController.class,
            MeController.class,
            SessionController.class,
            SessionJwtController.class,
            WebLoginExchangeController.class
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    static ResponseEntity<ErrorBody> error(HttpStatus status, String code, String message) {
        return ErrorBody.answer(status, code, message);
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> wechat(WechatException failure) {
        return switch (failure.failure()) {
            case INVALID_CODE -> error(HttpStatus.BAD_REQUEST, "invalid_code", "the code is invalid or expired");
            case CODE_USED -> error(HttpStatus.CONFLICT, "code_used", "the code was already used");
            case RATE_LIMITED -> error(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "WeChat limits this user's calls");
            case USER_BLOCKED -> error(HttpStatus.FORBIDDEN, "user_blocked", "WeChat blocked this user");
            default -> {
                log.warn("WeChat call failed: {} {}", failure.failure(), failure.getMessage());
                yield error(HttpStatus.SERVICE_UNAVAILABLE, "wechat_unavailable", "WeChat could not be used just now");
            }
        };
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> tokenUnavailable(TokenUnavailableException failure) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "token_unavailable", "no valid access_token for this app");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException failure) {
        log.warn("store unavailable: {}", failure.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "the session store is unavailable");
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> unknownApp(UnknownAppException failure) {
        return error(HttpStatus.NOT_FOUND, "unknown_app", failure.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> loginApp(LoginAppException failure) {
        return error(HttpStatus.BAD_REQUEST, "invalid_app", failure.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> rateLimited(RateLimitedException limited) {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("rate_limited", "too many logins; retry after " + seconds + " s"));
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> encryptedData(EncryptedDataRejectedException rejected) {
        String code =
                switch (rejected.reason()) {
                    case MALFORMED -> "malformed_data";
                    case UNDECRYPTABLE -> "undecryptable";
                    case NOT_USER_DATA -> "not_user_data";
                    case WRONG_APP -> "wrong_app";
                    case EXPIRED -> "encrypted_data_expired";
                };
        return error(HttpStatus.BAD_REQUEST, code, rejected.getMessage());
    }

    /** A web login's handoff code that is unknown, used or expired. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> webLogin(WebLoginException refused) {
        return error(HttpStatus.BAD_REQUEST, refused.reason().code(), refused.getMessage());
    }

    /** A web login's session has no session_key for what needs one. */
    /** A session of a website app asked for what needs the app's access_token (a phone number): it has none. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> noAccessToken(NoAccessTokenException none) {
        return error(HttpStatus.BAD_REQUEST, "not_supported_for_app_type", none.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> noSessionKey(NoSessionKeyException missing) {
        return error(HttpStatus.CONFLICT, "no_session_key", missing.getMessage());
    }

    /** WeChat no longer holds the session's session_key (87009 on a reset): only a new wx.login() helps. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> staleSessionKey(StaleSessionKeyException stale) {
        return error(HttpStatus.CONFLICT, "session_key_stale", stale.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> sessionEnding(IssueSessionJwt.SessionEndingException ending) {
        return error(HttpStatus.UNAUTHORIZED, "invalid_session", ending.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ErrorBody> userGone(MeController.SessionUserGoneException gone) {
        return error(HttpStatus.UNAUTHORIZED, "invalid_session", gone.getMessage());
    }

    /** A value object refused its input; its message names the field and never the value. */
    @ExceptionHandler
    ResponseEntity<ErrorBody> invalid(IllegalArgumentException invalid) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
    }
}
