package dev.wxgate.application;

import dev.wxgate.domain.app.AppId;

/** A well-formed app id that this wxgate does not serve. */
public final class UnknownAppException extends RuntimeException {
    private final AppId appId;

    public UnknownAppException(AppId appId) {
        super("app " + appId + " is not configured");
        this.appId = appId;
    }

    public AppId appId() {
        return appId;
    }
}
