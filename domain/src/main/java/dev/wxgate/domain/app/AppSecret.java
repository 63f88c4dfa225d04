package dev.wxgate.domain.app;

import dev.wxgate.domain.Require;
import java.util.regex.Pattern;

/** An app's AppSecret. Its {@code toString()} never shows it; read {@link #reveal()} only to call WeChat. */
public final class AppSecret {
    private static final Pattern SHAPE = Pattern.compile("[0-9A-Za-z]{16,64}");
    private final String value;

    private AppSecret(String value) {
        this.value = Require.matches(value, SHAPE, "secret", "16 to 64 letters or digits");
    }

    public static AppSecret of(String value) {
        return new AppSecret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppSecret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "AppSecret[****]";
    }
}
