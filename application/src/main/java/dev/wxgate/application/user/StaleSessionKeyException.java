package dev.wxgate.application.user;

/**
 * WeChat no longer holds the session's session_key as the user's current one (87009): a newer login elsewhere, or a
 * reset, replaced it. Only a new {@code wx.login()} gives the session a valid key again.
 */
public final class StaleSessionKeyException extends RuntimeException {
    public StaleSessionKeyException() {
        super("WeChat no longer holds this session's session_key: log in again with wx.login()");
    }
}
