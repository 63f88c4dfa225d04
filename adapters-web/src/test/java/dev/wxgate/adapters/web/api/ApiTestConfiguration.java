package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import dev.wxgate.testfixtures.data.Sessions;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The mini-program API's slice: its security chain, controllers and error mapping, and a clock fixed at the start. */
@SpringBootConfiguration
@Import({MiniProgramApiConfiguration.class, WebSecurityConfiguration.class})
class ApiTestConfiguration {

    @Bean
    Clock clock() {
        return Clock.fixed(Sessions.START, ZoneOffset.UTC);
    }
}
