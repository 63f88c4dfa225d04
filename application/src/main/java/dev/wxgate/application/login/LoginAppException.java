package dev.wxgate.application.login;

/** The login named no app while several mini-programs are configured, or named an app that is not a mini-program. */
public final class LoginAppException extends RuntimeException {
    public LoginAppException(String message) {
        super(message);
    }
}
