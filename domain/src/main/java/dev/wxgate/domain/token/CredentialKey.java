package dev.wxgate.domain.token;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;

/**
 * Which credential: its kind and the app id that owns it (the app for its access_token and tickets, the component for
 * its component token, the authorized account for its authorizer token). One refresh at a time per key, cluster-wide.
 */
public record CredentialKey(CredentialKind kind, AppId owner) {
    public CredentialKey {
        Require.present(kind, "kind");
        Require.present(owner, "owner");
    }

    public static CredentialKey accessToken(AppId appId) {
        return new CredentialKey(CredentialKind.ACCESS_TOKEN, appId);
    }

    /** The official account's ticket of {@code type}. */
    public static CredentialKey ticket(TicketType type, AppId appId) {
        return new CredentialKey(type.kind(), appId);
    }

    /** "access_token of app wx…", for messages. */
    public String describe() {
        return kind.label() + " of app " + owner;
    }

    @Override
    public String toString() {
        return kind.label() + "/" + owner;
    }
}
