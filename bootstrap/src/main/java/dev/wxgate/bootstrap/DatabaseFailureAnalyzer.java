package dev.wxgate.bootstrap;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's start-up report ("Description / Action") for a database wxgate cannot use at start-up: a URL its
 * driver refuses, a server that does not answer, credentials or a database name it refuses. Flyway reaches the
 * database first, and without this its failure would come out as a long stack trace under bean-creation frames.
 * Registered in {@code META-INF/spring.factories}.
 */
public class DatabaseFailureAnalyzer implements FailureAnalyzer {
    /** HikariCP's words for a URL the configured driver does not take. */
    private static final String URL_REFUSED = "claims to not accept jdbcUrl";

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException refused) {
                return analysis(refused.getMessage(), refused.getSQLState(), refused);
            }
            if (cause.getMessage() != null && cause.getMessage().contains(URL_REFUSED)) {
                return analysis("the JDBC driver does not take this URL", "URL", cause);
            }
        }
        return null;
    }

    private FailureAnalysis analysis(String message, String state, Throwable cause) {
        String url = describe(environment.getProperty("spring.datasource.url", ""));
        String user = environment.getProperty("spring.datasource.username", "(none)");
        String description = "wxgate cannot use its database at start-up: " + message
                + (state == null || state.equals("URL") ? "" : " (SQLState " + state + ")") + System.lineSeparator()
                + "  spring.datasource.url=" + url + System.lineSeparator()
                + "  spring.datasource.username=" + user;
        String action;
        if (state != null && state.startsWith("28")) {
            action = "Check spring.datasource.username and spring.datasource.password: the database refused them.";
        } else if ("3D000".equals(state) || "42000".equals(state)) {
            action = "Check the database name in spring.datasource.url: create the database, or name one that exists.";
        } else if ("URL".equals(state)) {
            action = "Correct spring.datasource.url: jdbc:postgresql://host:5432/db, jdbc:mariadb://host:3306/db or"
                    + " jdbc:mysql://host:3306/db (docs/configuration.md).";
        } else {
            action = "Check spring.datasource.url (host, port, database), spring.datasource.username and"
                    + " spring.datasource.password, and that the database server is running and reachable from this"
                    + " node.";
        }
        return new FailureAnalysis(description, action, cause);
    }

    /** The URL without its options (which may carry a password) or a user:password@ part. */
    static String describe(String url) {
        if (url.isBlank()) {
            return "(none)";
        }
        String plain = url;
        for (char options : new char[] {'?', ';'}) {
            int at = plain.indexOf(options);
            plain = at < 0 ? plain : plain.substring(0, at);
        }
        return RedisFailureAnalyzer.maskPassword(plain);
    }
}
