package dev.wxgate.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Engine part: the control API's users: login and phone codes, encryptedData, blocking. */
final class UserControl {
    private static final Logger log = LoggerFactory.getLogger(UserControl.class);

    private static final Pattern UNIONID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Expired codes are swept every this many new codes, so memory follows the live codes only. */
    private static final int SWEEP_EVERY = 1024;

    private final Secrets secrets;
    private final OffsetClock clock;

    UserControl(Secrets secrets, OffsetClock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A wx.login code for the user (created on first mention); jscode2session then answers this openid. */
    String createLoginCode(EngineState s, String appId, String openid, String unionid) {
        AppState app = s.requireMiniProgram(appId);
        EngineState.requireOpenid(openid);
        if (unionid != null) {
            if (!UNIONID.matcher(unionid).matches()) {
                throw SandboxInputException.invalid("unionid must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (app.config().unionGroup() == null) {
                throw SandboxInputException.invalid("app " + appId
                        + " is bound to no Open Platform account (no unionGroup), so WeChat gives it no unionid");
            }
        }
        UserState user = app.user(openid);
        if (unionid != null) {
            user.unionid(unionid);
        }
        return issueCode(s, s.loginCodes, secrets::loginCode, app, openid, null);
    }

    /** A getPhoneNumber code for the user; the number defaults to one derived from the openid. */
    String createPhoneCode(EngineState s, String appId, String openid, PhoneNumber phone) {
        AppState app = s.requireMiniProgram(appId);
        EngineState.requireOpenid(openid);
        app.user(openid);
        PhoneNumber number = phone != null ? phone : PhoneNumber.derivedFor(openid);
        return issueCode(s, s.phoneCodes, secrets::phoneCode, app, openid, number);
    }

    /**
     * {@code encryptedData} as WeChat hands it to the mini-program (wx.getUserInfo, share info, ...): the JSON,
     * already watermarked, AES-128-CBC under the user's live session_key with a fresh iv, PKCS#7 padded.
     */
    SandboxEngine.EncryptedData encryptForUser(EngineState s, String appId, String openid, String watermarkedJson) {
        String key = liveSessionKey(s, appId, openid);
        byte[] iv = secrets.iv();
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                    new IvParameterSpec(iv));
            byte[] sealed = aes.doFinal(watermarkedJson.getBytes(StandardCharsets.UTF_8));
            return new SandboxEngine.EncryptedData(
                    Base64.getEncoder().encodeToString(sealed),
                    Base64.getEncoder().encodeToString(iv));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has AES/CBC/PKCS5Padding", impossible);
        }
    }

    /** {@code rawData} signed as WeChat signs it: hex(sha1(rawData + session_key)), under the user's live key. */
    SandboxEngine.RawData signRawData(EngineState s, String appId, String openid, String rawData) {
        String key = liveSessionKey(s, appId, openid);
        return new SandboxEngine.RawData(rawData, Secrets.sha1Hex(rawData + key));
    }

    private String liveSessionKey(EngineState s, String appId, String openid) {
        AppState app = s.requireMiniProgram(appId);
        EngineState.requireOpenid(openid);
        UserState user = app.existingUser(openid);
        String key = user == null ? null : user.sessionKeyAt(clock.instant());
        if (key == null) {
            throw new SandboxInputException(
                    SandboxInputException.Kind.CONFLICT,
                    "user " + openid + " has no live session_key: exchange a login code first");
        }
        return key;
    }

    /** A blocked user's login and phone codes answer 40226 ("high risk user"). */
    void block(EngineState s, String appId, String openid, boolean blocked) {
        AppState app = s.requireApp(appId);
        EngineState.requireOpenid(openid);
        app.user(openid).blocked(blocked);
        log.info("{} user {} of app {}", blocked ? "blocked" : "unblocked", openid, appId);
    }

    private String issueCode(
            EngineState s,
            ConcurrentHashMap<String, OneTimeCode> codes,
            Supplier<String> newValue,
            AppState app,
            String openid,
            PhoneNumber phone) {
        Instant now = clock.instant();
        if (s.codesIssued.incrementAndGet() % SWEEP_EVERY == 0) {
            s.loginCodes.values().removeIf(c -> c.expiredAt(now));
            s.phoneCodes.values().removeIf(c -> c.expiredAt(now));
        }
        while (true) {
            String value = newValue.get();
            OneTimeCode code =
                    new OneTimeCode(value, app.appId(), openid, now.plus(SandboxEngine.CODE_LIFETIME), phone);
            if (codes.putIfAbsent(value, code) == null) {
                log.debug("issued {}", code);
                return value;
            }
        }
    }
}
