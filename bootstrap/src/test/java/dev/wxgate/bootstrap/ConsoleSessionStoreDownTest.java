package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The console's answer while Redis, where its sessions live in redis mode, cannot be reached. */
class ConsoleSessionStoreDownTest {
    private final ConsoleSessionStoreDown filter = new ConsoleSessionStoreDown();

    @Test
    void redisFailuresAreFoundAmongTheCausesAndOtherFailuresAreNot() {
        assertThat(ConsoleSessionStoreDown.redisFailure(
                        new QueryTimeoutException("Unable to acquire connection", new RedisTimeoutException("x"))))
                .isInstanceOf(RedisTimeoutException.class);
        assertThat(ConsoleSessionStoreDown.redisFailure(
                        new ServletException(new RedisConnectionFailureException("refused"))))
                .isInstanceOf(RedisConnectionFailureException.class);
        assertThat(ConsoleSessionStoreDown.redisFailure(new DataAccessResourceFailureException("the database")))
                .isNull();
    }

    @Test
    void aRedisFailureIsA503PageAndAnyOtherFailureGoesOn() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("GET", "/console"),
                response,
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(
                            jakarta.servlet.http.HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response) {
                        throw new QueryTimeoutException(
                                "HGETALL wxgate:console:sessions:secret-id", new RedisTimeoutException("timeout"));
                    }
                }));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString())
                .contains("session store (Redis)")
                .doesNotContain("secret-id");

        assertThatThrownBy(() -> filter.doFilter(
                        new MockHttpServletRequest("GET", "/console"),
                        new MockHttpServletResponse(),
                        new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                            @Override
                            protected void service(
                                    jakarta.servlet.http.HttpServletRequest request,
                                    jakarta.servlet.http.HttpServletResponse response) {
                                throw new IllegalStateException("a bug of ours");
                            }
                        })))
                .isInstanceOf(IllegalStateException.class);
    }
}
