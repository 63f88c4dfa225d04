package dev.wxgate.application.operator;

import java.util.Optional;

/**
 * The console operator {@link ProvisionFirstAdmin} created, with the password it generated (to be shown once, then
 * forgotten); no password when it was preset. {@link #toString()} masks the password.
 */
public record FirstAdmin(String username, Optional<String> generatedPassword) {
    public FirstAdmin {
        if (username == null || generatedPassword == null) {
            throw new IllegalArgumentException("username and generatedPassword are required");
        }
    }

    @Override
    public String toString() {
        return "FirstAdmin[username=" + username + ", generatedPassword="
                + generatedPassword.map(password -> "****").orElse("(preset)") + "]";
    }
}
