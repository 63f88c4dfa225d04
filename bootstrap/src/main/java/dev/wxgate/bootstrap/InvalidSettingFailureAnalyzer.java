package dev.wxgate.bootstrap;

import java.util.Locale;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's start-up report ("Description / Action") for a setting wxgate refused, instead of a stack trace that
 * hides the property's name under bean-creation frames. Registered in {@code META-INF/spring.factories}.
 */
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        String description = "Invalid setting " + cause.property() + ": " + cause.problem();
        String action = "Correct " + cause.property() + " where it is set (application.yml, an environment variable"
                + " such as " + environmentVariable(cause.property()) + ", or a --" + cause.property()
                + " argument). docs/configuration.md describes every wxgate setting.";
        return new FailureAnalysis(description, action, cause);
    }

    /** The property as Spring Boot reads it from the environment: wxgate.apps[0].app-id → WXGATE_APPS_0_APPID. */
    static String environmentVariable(String property) {
        return property.replace("[", "_")
                .replace("]", "")
                .replace(".", "_")
                .replace("-", "")
                .toUpperCase(Locale.ROOT);
    }
}
