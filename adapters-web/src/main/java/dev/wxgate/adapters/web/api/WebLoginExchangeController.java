package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.api.ApiViews.LoginResponse;
import dev.wxgate.application.login.LogInWithCode;
import dev.wxgate.application.oauth.ExchangeWebLogin;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: {@code POST /api/v1/oauth/exchange}, a web login's one-time handoff code for a wxgate session token,
 * answered exactly as {@code POST /api/v1/login} answers.
 */
@RestController
class WebLoginExchangeController {
    private final ExchangeWebLogin exchange;
    private final Clock clock;

    WebLoginExchangeController(ExchangeWebLogin exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    record ExchangeRequest(String code) {
        @Override
        public String toString() {
            return "ExchangeRequest[code=****]";
        }
    }

    @PostMapping(
            path = "/api/v1/oauth/exchange",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse exchange(@RequestBody ExchangeRequest request, HttpServletRequest http) {
        LogInWithCode.LoggedIn loggedIn = exchange.exchange(
                new ExchangeWebLogin.Command(ApiViews.required(request.code(), "code"), http.getRemoteAddr()));
        return LoginController.response(loggedIn, clock);
    }
}
