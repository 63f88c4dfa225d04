package dev.wxgate.domain.callback;

/** How a callback body is written, as chosen in WeChat's admin: XML, or JSON (mini-programs). */
public enum MessageFormat {
    XML,
    JSON
}
