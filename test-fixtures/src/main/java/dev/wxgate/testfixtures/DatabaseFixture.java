package dev.wxgate.testfixtures;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL or MariaDB database of its own for this test run: created on first use, dropped when the JVM exits.
 * Use {@link #postgres()} or {@link #mariadb()}.
 */
public final class DatabaseFixture {
    private static final ConcurrentMap<Vendor, DatabaseFixture> FIXTURES = new ConcurrentHashMap<>();

    private final Vendor vendor;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String databaseName;

    private DatabaseFixture(Vendor vendor, String jdbcUrl, String username, String password, String databaseName) {
        this.vendor = vendor;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.databaseName = databaseName;
    }

    public static DatabaseFixture postgres() {
        return FIXTURES.computeIfAbsent(Vendor.POSTGRESQL, DatabaseFixture::create);
    }

    public static DatabaseFixture mariadb() {
        return FIXTURES.computeIfAbsent(Vendor.MARIADB, DatabaseFixture::create);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String databaseName() {
        return databaseName;
    }

    public String driverClassName() {
        return vendor.driverClassName;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    private static DatabaseFixture create(Vendor vendor) {
        Server server = locate(vendor);
        String database = ServiceLocator.runScopedName("wxgate_test");
        execute(server, server.adminUrl(), "CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                execute(server, server.adminUrl(), vendor.dropSql(database));
            } catch (IllegalStateException ignored) {
                // The server may already be gone (a container stops with the JVM); nothing is left behind.
            }
        }));
        return new DatabaseFixture(vendor, server.urlOf(database), server.username(), server.password(), database);
    }

    private static Server locate(Vendor vendor) {
        var explicit = ServiceLocator.explicitSetting(vendor.systemProperty, vendor.environmentVariable);
        if (explicit.isPresent()) {
            return Server.fromUrl(vendor, explicit.get());
        }
        if (ServiceLocator.dockerMayBeAvailable()) {
            JdbcDatabaseContainer<?> container = vendor.container();
            container.start();
            // The image's superuser: "test" in the PostgreSQL image, root (same password) in MariaDB's.
            String user = vendor == Vendor.POSTGRESQL ? container.getUsername() : vendor.adminUser;
            return new Server(
                    vendor, container.getHost() + ":" + container.getFirstMappedPort(), user, container.getPassword());
        }
        if (ServiceLocator.answers("127.0.0.1", vendor.defaultPort)) {
            return Server.fromUrl(
                    vendor, vendor.serverUrl("127.0.0.1", vendor.defaultPort) + "?user=" + vendor.adminUser);
        }
        throw ServiceLocator.unavailable(
                vendor.displayName, vendor.systemProperty, vendor.environmentVariable, vendor.defaultPort);
    }

    private static void execute(Server server, String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(
                    "could not run '" + sql + "' on the test " + server.vendor().displayName + ": "
                            + failed.getMessage(),
                    failed);
        }
    }

    /** A database server reached by a base URL of the form jdbc:vendor://host:port/[admin-db]?user=..&password=.. */
    private record Server(Vendor vendor, String hostAndPort, String username, String password) {
        static Server fromUrl(Vendor vendor, String url) {
            String prefix = vendor.urlPrefix;
            if (!url.startsWith(prefix)) {
                throw new IllegalStateException(vendor.systemProperty + " must start with " + prefix);
            }
            String rest = url.substring(prefix.length());
            String query = rest.contains("?") ? rest.substring(rest.indexOf('?') + 1) : "";
            String authority = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
            String hostAndPort = authority.contains("/") ? authority.substring(0, authority.indexOf('/')) : authority;
            String user = vendor.adminUser;
            String password = "";
            for (String pair : query.split("&")) {
                if (pair.startsWith("user=")) {
                    user = pair.substring(5);
                } else if (pair.startsWith("password=")) {
                    password = pair.substring(9);
                }
            }
            return new Server(vendor, hostAndPort, user, password);
        }

        String adminUrl() {
            return vendor.urlPrefix + hostAndPort + "/" + vendor.adminDatabase;
        }

        String urlOf(String database) {
            return vendor.urlPrefix + hostAndPort + "/" + database;
        }
    }

    enum Vendor {
        POSTGRESQL(
                "PostgreSQL",
                "jdbc:postgresql://",
                "postgres",
                "postgres",
                5432,
                "org.postgresql.Driver",
                "wxgate.test.postgres.url",
                "WXGATE_TEST_POSTGRES_URL"),
        MARIADB(
                "MariaDB",
                "jdbc:mariadb://",
                "root",
                "",
                3306,
                "org.mariadb.jdbc.Driver",
                "wxgate.test.mariadb.url",
                "WXGATE_TEST_MARIADB_URL");

        final String displayName;
        final String urlPrefix;
        final String adminUser;
        final String adminDatabase;
        final int defaultPort;
        final String driverClassName;
        final String systemProperty;
        final String environmentVariable;

        Vendor(
                String displayName,
                String urlPrefix,
                String adminUser,
                String adminDatabase,
                int defaultPort,
                String driverClassName,
                String systemProperty,
                String environmentVariable) {
            this.displayName = displayName;
            this.urlPrefix = urlPrefix;
            this.adminUser = adminUser;
            this.adminDatabase = adminDatabase;
            this.defaultPort = defaultPort;
            this.driverClassName = driverClassName;
            this.systemProperty = systemProperty;
            this.environmentVariable = environmentVariable;
        }

        String serverUrl(String host, int port) {
            return urlPrefix + host + ":" + port + "/" + adminDatabase;
        }

        String dropSql(String database) {
            return this == POSTGRESQL
                    ? "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + database;
        }

        JdbcDatabaseContainer<?> container() {
            return this == POSTGRESQL
                    ? new PostgreSQLContainer("postgres:16-alpine")
                    : new MariaDBContainer("mariadb:11");
        }
    }
}
