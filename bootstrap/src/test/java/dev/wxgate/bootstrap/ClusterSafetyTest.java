package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.testfixtures.DatabaseFixture;
import dev.wxgate.testfixtures.RedisFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of a cluster ({@code wxgate.store=redis}) must not keep users or WeChat to itself: an embedded H2, or the
 * built-in sandbox without {@code wxgate.sandbox.allow-in-cluster}, is refused before anything opens, with Spring
 * Boot's report instead of a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterSafetyTest {

    @Test
    void twoRedisNodesWithTheirOwnH2AreRefusedBeforeTheDatabaseOpens(@TempDir Path data, CapturedOutput output)
            throws IOException {
        String prefix = RedisFixture.get().keyPrefix() + "cluster-safety-" + UUID.randomUUID() + ":";
        for (String node : List.of("node-a", "node-b")) {
            String url = "jdbc:h2:file:" + data.resolve(node).resolve("wxgate") + ";DB_CLOSE_ON_EXIT=FALSE";
            assertThatThrownBy(() -> start(redisNode(prefix, "--spring.datasource.url=" + url)))
                    .isInstanceOf(UnsafeClusterException.class);
        }

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Description:")
                .contains("its users are in an embedded H2 database (spring.datasource.url: jdbc:h2:file:")
                .contains("Action:")
                .contains("one shared PostgreSQL, MariaDB or MySQL database")
                .doesNotContain("wxgate is up on")
                .doesNotContain("\tat dev.wxgate.");
        assertThat(data)
                .as("refused before the H2 file or its directory was created")
                .isEmptyDirectory();
    }

    @Test
    void aRedisNodeWithoutADatasourceUrlIsRefused() {
        assertThat(ClusterSafety.isEmbedded("")).isTrue();
        assertThat(ClusterSafety.isEmbedded("jdbc:h2:mem:wxgate")).isTrue();
        assertThat(ClusterSafety.isEmbedded("jdbc:h2:./data/wxgate")).isTrue();
        assertThat(ClusterSafety.isEmbedded("JDBC:H2:FILE:/var/lib/wxgate/db")).isTrue();
        assertThat(ClusterSafety.isEmbedded("jdbc:h2:tcp://db.internal/wxgate")).isFalse();
        assertThat(ClusterSafety.isEmbedded("jdbc:postgresql://db.internal/wxgate"))
                .isFalse();
        assertThat(ClusterSafety.isEmbedded("jdbc:mariadb://db.internal/wxgate"))
                .isFalse();
    }

    @Test
    void aRedisNodeWithTheBuiltInSandboxIsRefusedUnlessAllowed(CapturedOutput output) {
        String prefix = RedisFixture.get().keyPrefix() + "cluster-safety-" + UUID.randomUUID() + ":";
        List<String> shared = redisNode(prefix, sharedDatabase());

        assertThatThrownBy(() -> start(shared))
                .isInstanceOf(UnsafeClusterException.class)
                .satisfies(e -> assertThat(((UnsafeClusterException) e).problems())
                        .containsExactly(UnsafeClusterException.Problem.EMBEDDED_SANDBOX));
        assertThat(output.getAll())
                .contains("the built-in WeChat sandbox is on")
                .contains("wxgate.sandbox.allow-in-cluster=true")
                .doesNotContain("embedded H2");

        List<String> allowed = new ArrayList<>(shared);
        allowed.add("--wxgate.sandbox.allow-in-cluster=true");
        try (ConfigurableApplicationContext node = start(allowed)) {
            assertThat(node.isActive()).isTrue();
        }
    }

    private static List<String> redisNode(String keyPrefix, String... more) {
        RedisFixture redis = RedisFixture.get();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--wxgate.store=redis",
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--wxgate.redis.key-prefix=" + keyPrefix));
        args.addAll(List.of(more));
        return args;
    }

    private static String[] sharedDatabase() {
        DatabaseFixture database = DatabaseFixture.postgres();
        return new String[] {
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password()
        };
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(WxgateApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }
}
