package dev.wxgate.adapters.web.jose;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.domain.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Adapter: the {@code /.well-known} documents' failures: the key store unreachable is 503, as on the API. */
@RestControllerAdvice(assignableTypes = JwksController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JoseErrors {
    private static final Logger log = LoggerFactory.getLogger(JoseErrors.class);

    @ExceptionHandler
    ResponseEntity<ErrorBody> storeUnavailable(StoreUnavailableException failure) {
        log.warn("store unavailable: {}", failure.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ErrorBody("store_unavailable", "the signing key store is unavailable"));
    }
}
