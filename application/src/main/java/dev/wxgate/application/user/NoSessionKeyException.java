package dev.wxgate.application.user;

/**
 * The session has no session_key: it was opened by an official account's web login, which WeChat gives none, so what
 * only a mini-program's session_key can do (open encryptedData, verify rawData, check the key) cannot be done.
 */
public final class NoSessionKeyException extends RuntimeException {
    public NoSessionKeyException() {
        super("this session has no session_key: it was opened by a web login, not by a mini-program");
    }
}
