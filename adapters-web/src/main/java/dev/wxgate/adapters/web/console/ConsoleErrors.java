package dev.wxgate.adapters.web.console;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.domain.StoreUnavailableException;
import jakarta.servlet.ServletException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adapter: console failures as pages, in the operator's language, never with a stack trace or an exception's words:
 * unknown things are 404, bad input 400, a store that cannot be reached 503, our own bugs 500 (logged for us).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {
    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler({NotFoundException.class, UnknownAppException.class})
    ModelAndView notFound() {
        return page(404);
    }

    @ExceptionHandler({
        IllegalArgumentException.class,
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class
    })
    ModelAndView badRequest() {
        return page(400);
    }

    @ExceptionHandler
    ModelAndView storeDown(StoreUnavailableException down) {
        log.warn(
                "console page failed: a store is unavailable ({})",
                down.getClass().getSimpleName());
        return page(503);
    }

    /** Spring MVC's own request failures (not acceptable, a missing part, ...): the client's mistake, no trace. */
    @ExceptionHandler
    ModelAndView request(ServletException failure) {
        if (failure instanceof ErrorResponse described
                && described.getStatusCode().is4xxClientError()) {
            log.debug("console request refused: {}", failure.toString());
            return page(described.getStatusCode().value());
        }
        return unexpected(failure);
    }

    @ExceptionHandler
    ModelAndView unexpected(Exception failure) {
        log.error("unexpected failure rendering a console page", failure);
        return page(500);
    }

    /** The one error page, saying what happened in the operator's language. */
    static ModelAndView page(int status) {
        return ConsoleErrorPage.of(status);
    }
}
