package dev.wxgate.application.callback;

import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import java.nio.charset.StandardCharsets;

/** A stand-in for WeChat's cipher with its failures: base64 of "appid|message". */
record ToyCrypto(String key, String appId) {
    String encrypt(String message) {
        return java.util.Base64.getEncoder().encodeToString((appId + "|" + message).getBytes(StandardCharsets.UTF_8));
    }

    String decrypt(String encrypted) {
        String plain;
        try {
            plain = new String(java.util.Base64.getDecoder().decode(encrypted), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new CallbackRejectedException(Reason.BAD_BASE64);
        }
        int bar = plain.indexOf('|');
        if (bar < 0) {
            throw new CallbackRejectedException(Reason.BAD_PADDING);
        }
        if (!plain.substring(0, bar).equals(appId)) {
            throw new CallbackRejectedException(Reason.WRONG_APP);
        }
        return plain.substring(bar + 1);
    }
}
