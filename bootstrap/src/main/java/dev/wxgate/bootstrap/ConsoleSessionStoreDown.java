package dev.wxgate.bootstrap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Console requests while Redis, where console sessions live in redis mode, cannot be reached: a short 503 page, not a
 * 500. Spring Session reads and writes the session in its own filter, outside the console's controllers and their
 * advice, so this filter wraps it. The page is written here, not through {@code /error}: rendering the console's error
 * page would ask the session (its CSRF token) again. The log names the failure's type only: Redis's message would
 * carry the session's key.
 */
final class ConsoleSessionStoreDown extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionStoreDown.class);
    static final String PAGE = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>503 · wxgate</title>"
            + "<link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body class=\"signin\">"
            + "<main class=\"signin-box error-page\"><p class=\"status\">503</p>"
            + "<h1>The console cannot reach its session store (Redis) just now. Try again in a moment.</h1>"
            + "<p>控制台暂时无法连接会话存储（Redis），请稍后再试。</p></main></body></html>";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            Throwable redis = redisFailure(failure);
            if (redis == null) {
                throw failure;
            }
            log.warn(
                    "console: the session store (Redis) could not be reached ({})",
                    redis.getClass().getSimpleName());
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "5");
                response.setHeader("Cache-Control", "no-store");
                response.setContentType("text/html;charset=UTF-8");
                try {
                    response.getOutputStream().write(PAGE.getBytes(StandardCharsets.UTF_8));
                } catch (IllegalStateException writerInUse) {
                    response.getWriter().write(PAGE);
                }
            }
        }
    }

    /** The Redis failure among {@code failure}'s causes (Redisson's, or Spring Data Redis's translation), or null. */
    static Throwable redisFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException
                    || cause instanceof RedisConnectionFailureException
                    || cause instanceof RedisSystemException) {
                return cause;
            }
        }
        return null;
    }
}
