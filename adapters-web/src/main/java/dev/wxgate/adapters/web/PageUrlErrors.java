package dev.wxgate.adapters.web;

import dev.wxgate.application.jssdk.PageUrlRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Adapter: a page URL refused for a JS-SDK signature as 400 and a stable code, the same on the internal and the public
 * endpoint: {@code missing_url}, {@code url_too_long}, {@code invalid_url}, {@code domain_not_allowed}.
 */
public final class PageUrlErrors {
    private PageUrlErrors() {}

    public static ResponseEntity<ErrorBody> answer(PageUrlRejectedException rejected) {
        String code =
                switch (rejected.reason()) {
                    case MISSING -> "missing_url";
                    case TOO_LONG -> "url_too_long";
                    case MALFORMED -> "invalid_url";
                    case DOMAIN_NOT_ALLOWED -> "domain_not_allowed";
                };
        return ErrorBody.answer(HttpStatus.BAD_REQUEST, code, rejected.getMessage());
    }
}
