package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.api.ApiViews.LoginRequest;
import dev.wxgate.adapters.web.api.ApiViews.LoginResponse;
import dev.wxgate.adapters.web.api.ApiViews.UserSummary;
import dev.wxgate.application.login.LogInWithCode;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.user.UnionId;
import dev.wxgate.domain.wechat.LoginCode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Adapter: {@code POST /api/v1/login}, the code from {@code wx.login()} for a wxgate session token. */
@RestController
class LoginController {
    private final LogInWithCode logIn;
    private final Clock clock;

    LoginController(LogInWithCode logIn, Clock clock) {
        this.logIn = logIn;
        this.clock = clock;
    }

    @PostMapping(
            path = "/api/v1/login",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse logIn(@RequestBody LoginRequest request, HttpServletRequest http) {
        var command = new LogInWithCode.Command(
                Optional.ofNullable(request.appId()).map(AppId::of),
                new LoginCode(ApiViews.required(request.code(), "code")),
                http.getRemoteAddr());
        return response(logIn.logIn(command), clock);
    }

    /** The answer to a login, mini-program or web: the session token, its life and who logged in. */
    static LoginResponse response(LogInWithCode.LoggedIn loggedIn, Clock clock) {
        var identity = loggedIn.session().identity();
        return new LoginResponse(
                loggedIn.token().value(),
                ApiViews.secondsLeft(loggedIn.session(), clock),
                new UserSummary(
                        loggedIn.user().id().value(),
                        identity.openId().value(),
                        loggedIn.user().unionId().map(UnionId::value).orElse(null),
                        loggedIn.newUser(),
                        loggedIn.user().profileComplete()));
    }
}
