package dev.wxgate.adapters.web.oauth;

import dev.wxgate.application.RateLimitedException;
import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.oauth.WebLoginException;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.wechat.WechatException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adapter: the web login's failures as an HTML page a person reads in the browser (never JSON, never a stack trace):
 * the status, a title, a precise message and the stable error code. Nothing is redirected on a failure, so a bad
 * {@code redirect_uri} never becomes an open redirect. Messages are the use cases' own (they never hold a state, code
 * or token) or fixed text.
 */
@ControllerAdvice(assignableTypes = WebLoginController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebLoginErrors {
    private static final Logger log = LoggerFactory.getLogger(WebLoginErrors.class);

    static ModelAndView page(HttpStatus status, String error, String title, String message) {
        ModelAndView page = new ModelAndView(
                "weblogin/error",
                Map.of("status", status.value(), "error", error, "title", title, "message", message),
                status);
        return page;
    }

    @ExceptionHandler
    ModelAndView refused(WebLoginException refused, HttpServletResponse response) {
        noStore(response);
        String title =
                switch (refused.reason()) {
                    case STATE_UNKNOWN, STATE_REPLAYED, STATE_EXPIRED, OTHER_BROWSER -> "This login link is not valid";
                    case CODE_REJECTED -> "WeChat did not accept this login";
                    default -> "This login cannot start";
                };
        return page(HttpStatus.BAD_REQUEST, refused.reason().code(), title, refused.getMessage());
    }

    @ExceptionHandler
    ModelAndView unknownApp(UnknownAppException unknown, HttpServletResponse response) {
        noStore(response);
        return page(HttpStatus.NOT_FOUND, "unknown_app", "This login cannot start", unknown.getMessage());
    }

    @ExceptionHandler
    ModelAndView rateLimited(RateLimitedException limited, HttpServletResponse response) {
        noStore(response);
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return page(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many logins",
                "too many logins from this address; retry after " + seconds + " s");
    }

    @ExceptionHandler
    ModelAndView wechat(WechatException failure, HttpServletResponse response) {
        noStore(response);
        log.warn("WeChat call failed during a web login: {} {}", failure.failure(), failure.getMessage());
        return page(
                HttpStatus.SERVICE_UNAVAILABLE,
                "wechat_unavailable",
                "WeChat could not be reached",
                "WeChat could not be used just now; try again in a moment");
    }

    @ExceptionHandler
    ModelAndView storeUnavailable(StoreUnavailableException failure, HttpServletResponse response) {
        noStore(response);
        log.warn("store unavailable during a web login: {}", failure.getMessage());
        return page(
                HttpStatus.SERVICE_UNAVAILABLE,
                "store_unavailable",
                "wxgate cannot answer just now",
                "the login store is unavailable; try again in a moment");
    }

    /** A value object refused its input (an app id of the wrong shape); its message names the field, not the value. */
    @ExceptionHandler
    ModelAndView invalid(IllegalArgumentException invalid, HttpServletResponse response) {
        noStore(response);
        return page(HttpStatus.BAD_REQUEST, "invalid_request", "This login cannot start", invalid.getMessage());
    }

    /** Spring MVC's request failures (a missing or malformed parameter) carry their status: the client's mistake. */
    @ExceptionHandler
    ModelAndView unexpected(Exception failure, HttpServletResponse response) {
        noStore(response);
        if (failure instanceof ErrorResponse described
                && described.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(described.getStatusCode().value());
            return page(status, "invalid_request", "This login cannot go on", "a parameter is missing or malformed");
        }
        log.error("unexpected failure during a web login", failure);
        return page(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong",
                "something went wrong on our side");
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
