package dev.wxgate.bootstrap;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting wxgate cannot start with, named by its property path ({@code wxgate.apps[0].callback}); the problem never
 * echoes a secret's value. {@link InvalidSettingFailureAnalyzer} turns it into Spring Boot's start-up report.
 */
final class InvalidSettingException extends IllegalStateException {
    private final String property;
    private final String problem;

    InvalidSettingException(String property, String problem) {
        this(property, problem, null);
    }

    InvalidSettingException(String property, String problem, Throwable cause) {
        this(property, problem, property + ": " + problem, cause);
    }

    private InvalidSettingException(String property, String problem, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
        this.problem = problem;
    }

    /**
     * A value object's refusal under {@code path}: its message starts with the field it names ({@code appId must be
     * ...}, {@code forward.url must be ...}), which becomes the property it was bound from
     * ({@code wxgate.apps[0].app-id}, {@code wxgate.apps[0].forward.url}).
     */
    static InvalidSettingException refused(String path, IllegalArgumentException invalid) {
        String message = String.valueOf(invalid.getMessage());
        Matcher field = FIELD.matcher(message);
        if (!field.find()) {
            return new InvalidSettingException(path, message, invalid);
        }
        String name = field.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String property = path.endsWith("." + first) ? path + name.substring(first.length()) : path + "." + name;
        // The message stays "path: field problem", as it always read in logs.
        return new InvalidSettingException(
                property, message.substring(field.end()).strip(), path + ": " + message, invalid);
    }

    /** A field name at the start of a message, followed by what is wrong with it. */
    private static final Pattern FIELD = Pattern.compile("^([a-z][A-Za-z0-9-]*(?:\\.[a-z][A-Za-z0-9-]*)*) (?=[a-z])");

    /** The property path, as an operator writes it. */
    String property() {
        return property;
    }

    String problem() {
        return problem;
    }
}
