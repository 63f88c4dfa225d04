package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisServerProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every start-up misconfiguration an operator can make is reported the Spring Boot way, "Description" and "Action"
 * naming the setting, never as a stack trace: a Redis address that does not parse, a Sentinel that does not know the
 * master name, a bad {@code wxgate.apps[N]} entry, a database that refuses the credentials.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupErrorsTest {
    private static final String APP = "--wxgate.apps[0].app-id=wx0123456789abcdef";
    private static final String SECRET = "--wxgate.apps[0].secret=0123456789abcdef0123456789abcdef";

    @Test
    void aRedisUrlThatDoesNotParseNamesTheSetting(CapturedOutput output) {
        assertReported(output, redisNode("--spring.data.redis.url=redis://:bad"), "spring.data.redis.url");
    }

    @Test
    void aRedisPortThatIsNotANumberNamesTheSetting(CapturedOutput output) {
        assertReported(
                output,
                redisNode("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=sixthreeseven"),
                "spring.data.redis.port");
    }

    @Test
    void aSentinelThatDoesNotKnowTheMasterNameNamesTheSetting(CapturedOutput output) {
        try (RedisServerProcess master = RedisServerProcess.start();
                SentinelProcess sentinel = SentinelProcess.monitoring(master.port())) {
            String report = assertReported(
                    output,
                    redisNode(
                            "--spring.data.redis.sentinel.master=nosuchmaster",
                            "--spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinel.port()),
                    "spring.data.redis.sentinel.master");
            assertThat(report).contains("nosuchmaster");
        }
    }

    @Test
    void aMalformedAppIdNamesTheEntry(CapturedOutput output) {
        assertReported(output, args("--wxgate.apps[0].app-id=not-an-app-id", SECRET), "wxgate.apps[0].app-id");
    }

    @Test
    void aMissingSecretNamesTheEntry(CapturedOutput output) {
        assertReported(output, args(APP), "wxgate.apps[0].secret");
    }

    @Test
    void anEncodingAesKeyOfTheWrongLengthNamesTheEntry(CapturedOutput output) {
        assertReported(
                output,
                args(
                        APP,
                        SECRET,
                        "--wxgate.apps[0].callback.token=token123",
                        "--wxgate.apps[0].callback.encoding-aes-key=tooshort"),
                "wxgate.apps[0].callback.encoding-aes-key");
    }

    @Test
    void anAppConfiguredTwiceNamesBothEntries(CapturedOutput output) {
        String report = assertReported(
                output,
                args(
                        APP,
                        SECRET,
                        "--wxgate.apps[1].app-id=wx0123456789abcdef",
                        "--wxgate.apps[1].secret=0123456789abcdef0123456789abcdef"),
                "wxgate.apps[1].app-id");
        assertThat(report).contains("wxgate.apps[0]");
    }

    @Test
    void anUnknownAppTypeNamesTheSetting(CapturedOutput output) {
        assertReported(output, args(APP, SECRET, "--wxgate.apps[0].type=mini-game"), "wxgate.apps[0].type");
    }

    @Test
    void aForwardUrlThatIsNotHttpNamesTheSetting(CapturedOutput output) {
        assertReported(
                output,
                args(
                        APP,
                        SECRET,
                        "--wxgate.apps[0].forward.url=ftp://example.com/x",
                        "--wxgate.apps[0].forward.secret=0123456789abcdef0123"),
                "wxgate.apps[0].forward.url");
    }

    @Test
    void aDatabaseThatRefusesTheCredentialsNamesTheSettings(CapturedOutput output) {
        DatabaseFixture postgres = DatabaseFixture.postgres();
        String report = assertReported(
                output,
                args(
                        "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--spring.datasource.username=no_such_wxgate_user",
                        "--spring.datasource.password=whatever"),
                "spring.datasource.username");
        assertThat(report).doesNotContain("whatever");
    }

    @Test
    void aDatabaseUrlThatDoesNotParseNamesTheSetting(CapturedOutput output) {
        assertReported(
                output,
                args("--spring.datasource.url=jdbc:postgresql://127.0.0.1:notaport/test"),
                "spring.datasource.url");
    }

    @Test
    void serverKeyAndServerKeysTogetherNameTheSetting(CapturedOutput output) {
        // The test profile sets server-key.
        String report = assertReported(
                output,
                args("--wxgate.sessions.server-keys=" + SessionKeyCipher.generateKey()),
                "wxgate.sessions.server-keys");
        assertThat(report).contains("not both");
    }

    @Test
    void aClientWithBothKeyFormsNamesTheEntry(CapturedOutput output) {
        String hash = "0".repeat(64);
        assertReported(
                output,
                args(
                        "--wxgate.clients[0].id=orders",
                        "--wxgate.clients[0].key-sha256=" + hash,
                        "--wxgate.clients[0].keys[0].sha256=" + "1".repeat(64),
                        "--wxgate.clients[0].apps=*"),
                "wxgate.clients[0].keys");
    }

    /** Starts wxgate, which must fail, and checks the report it printed; returns the report. */
    private static String assertReported(CapturedOutput output, String[] arguments, String setting) {
        int before = output.getAll().length();
        assertThatThrownBy(() -> new SpringApplicationBuilder(WxgateApplication.class)
                        .profiles("test")
                        .run(arguments)
                        .close())
                .isInstanceOf(RuntimeException.class);
        String report = output.getAll().substring(before);
        assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains("Description:")
                .contains("Action:")
                .contains(setting)
                .doesNotContain("wxgate is up on");
        assertThat(longestStackTrace(report)).as(report).isLessThanOrEqualTo(3);
        return report;
    }

    /** The most consecutive "\tat " lines anywhere in the output. */
    private static int longestStackTrace(String output) {
        int longest = 0;
        int run = 0;
        for (String line : output.split("\\R")) {
            run = line.startsWith("\tat ") ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static String[] args(String... settings) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
        all.addAll(List.of(settings));
        return all.toArray(String[]::new);
    }

    /** A redis-store node with a shared database, so that only its Redis settings are wrong. */
    private static String[] redisNode(String... redis) {
        DatabaseFixture postgres = DatabaseFixture.postgres();
        List<String> all = new ArrayList<>(List.of(
                "--wxgate.store=redis",
                "--wxgate.sandbox.allow-in-cluster=true",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password()));
        all.addAll(List.of(redis));
        return args(all.toArray(String[]::new));
    }
}
