package dev.wxgate.adapters.web.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Adapter: the console's language, English or Simplified Chinese. A choice made with the header's switch
 * ({@code ?lang=en} or {@code ?lang=zh-CN}, kept in a cookie) wins; otherwise the browser's Accept-Language picks;
 * otherwise English.
 */
final class ConsoleLocales implements LocaleResolver {
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, CHINESE);
    static final String COOKIE = "WXGATE_LANG";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Object chosen = request.getAttribute(COOKIE);
        if (chosen instanceof Locale locale) {
            return locale;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName())) {
                    Optional<Locale> supported = supported(cookie.getValue());
                    if (supported.isPresent()) {
                        return supported.get();
                    }
                }
            }
        }
        for (Locale wanted : Collections.list(request.getLocales())) {
            if (wanted.getLanguage().equals("zh")) {
                return CHINESE;
            }
            if (wanted.getLanguage().equals("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = locale != null && SUPPORTED.contains(locale) ? locale : Locale.ENGLISH;
        request.setAttribute(COOKIE, chosen);
        Cookie cookie = new Cookie(COOKIE, chosen.toLanguageTag());
        cookie.setPath("/console");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** {@code en}, {@code zh-CN} (or {@code zh}, {@code zh_CN}); anything else is not a language the console has. */
    static Optional<Locale> supported(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return switch (tag.replace('_', '-').toLowerCase(Locale.ROOT)) {
            case "en", "en-us", "en-gb" -> Optional.of(Locale.ENGLISH);
            case "zh", "zh-cn", "zh-hans", "zh-hans-cn" -> Optional.of(CHINESE);
            default -> Optional.empty();
        };
    }

    /** Applies {@code ?lang=} on any console page; an unknown language is ignored rather than refused. */
    static final class Switch implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            supported(request.getParameter("lang"))
                    .ifPresent(locale -> new ConsoleLocales().setLocale(request, response, locale));
            return true;
        }
    }
}
