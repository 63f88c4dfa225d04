package dev.wxgate.adapters.web.console;

import dev.wxgate.adapters.web.console.ConsoleConfiguration.ConsoleSettings;
import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.testfixtures.data.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The console's slice: its security chain, pages and templates, no app, a clock fixed at the start, times in UTC. */
@SpringBootConfiguration
@Import({ConsoleConfiguration.class, WebSecurityConfiguration.class})
class ConsoleTestConfiguration {

    @Bean
    Clock clock() {
        return Clock.fixed(Sessions.START, ZoneOffset.UTC);
    }

    @Bean
    ConsoleSettings consoleSettings() {
        return new ConsoleSettings(Duration.ofMinutes(30), ZoneOffset.UTC, false);
    }

    @Bean
    WechatApps wechatApps() {
        return new WechatApps(List.of());
    }
}
