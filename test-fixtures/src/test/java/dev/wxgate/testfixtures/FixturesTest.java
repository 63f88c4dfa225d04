package dev.wxgate.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void postgresFixtureGivesThisRunItsOwnDatabase() throws Exception {
        DatabaseFixture postgres = DatabaseFixture.postgres();

        assertThat(postgres.databaseName()).startsWith("wxgate_test_");
        try (var connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet current = statement.executeQuery("select current_database()")) {
            current.next();
            assertThat(current.getString(1)).isEqualTo(postgres.databaseName());
        }
        assertThat(DatabaseFixture.postgres()).isSameAs(postgres);
    }

    @Test
    void mariadbFixtureGivesThisRunItsOwnDatabase() throws Exception {
        DatabaseFixture mariadb = DatabaseFixture.mariadb();

        try (var connection = mariadb.connect();
                Statement statement = connection.createStatement();
                ResultSet current = statement.executeQuery("select database()")) {
            current.next();
            assertThat(current.getString(1)).isEqualTo(mariadb.databaseName());
        }
    }

    @Test
    void redisFixtureScopesKeysToThisRun() {
        RedisFixture redis = RedisFixture.get();

        assertThat(redis.keyPrefix()).startsWith("wxgate-test_").endsWith(":");
        assertThat(redis.command("SET", redis.keyPrefix() + "probe", "1")).isEqualTo("+OK");
        assertThat(redis.keyCount()).isEqualTo(1);
        assertThat(redis.command("DEL", redis.keyPrefix() + "probe")).isEqualTo(":1");
        assertThat(redis.keyCount()).isZero();
    }

    @Test
    void aMissingServiceFailsWithHowToProvideOne() {
        IllegalStateException failure =
                ServiceLocator.unavailable("Redis", "wxgate.test.redis.url", "WXGATE_TEST_REDIS_URL", 6379);

        assertThat(failure.getMessage())
                .contains("-Dwxgate.test.redis.url=")
                .contains("WXGATE_TEST_REDIS_URL")
                .contains("Docker")
                .contains("127.0.0.1:6379");
    }
}
