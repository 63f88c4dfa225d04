package dev.wxgate.benchmarks.springsession;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The comparison app of the benchmarks: what a team would write instead of wxgate's sessions, a plain Spring Boot app
 * with Spring Session Data Redis, the session id in the {@code X-Auth-Token} header. {@code POST /login} opens a
 * session holding what wxgate's session holds about the user; {@code GET /me} checks the header's session (Spring
 * Session reads it from Redis and saves its last access back) and answers it. Started by the driver as a process of
 * its own, from {@code benchmarks/target/wxgate-benchmarks-spring-session.jar}.
 */
@SpringBootApplication
@RestController
public class SpringSessionApp {
    private final AtomicLong users = new AtomicLong();

    public static void main(String[] args) {
        SpringApplication.run(SpringSessionApp.class, args);
    }

    @Bean
    HttpSessionIdResolver httpSessionIdResolver() {
        return HeaderHttpSessionIdResolver.xAuthToken();
    }

    @PostMapping("/login")
    Map<String, Object> login(HttpServletRequest request, @RequestParam String openid) {
        HttpSession session = request.getSession(true);
        session.setAttribute("userId", users.incrementAndGet());
        session.setAttribute("appId", "wxa1b2c3d4e5f60001");
        session.setAttribute("openid", openid);
        return Map.of("token", session.getId());
    }

    @GetMapping("/me")
    ResponseEntity<Map<String, Object>> me(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        return ResponseEntity.ok(Map.of(
                "userId", session.getAttribute("userId"),
                "appId", session.getAttribute("appId"),
                "openid", session.getAttribute("openid")));
    }
}
