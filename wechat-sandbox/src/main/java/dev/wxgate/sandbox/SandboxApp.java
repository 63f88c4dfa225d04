package dev.wxgate.sandbox;

/**
 * Value: an app the sandbox serves, as a host application sees it (wxgate's embedded default serves these apps).
 *
 * @param appId the app id
 * @param secret the AppSecret the sandbox accepts for it
 * @param type {@code mini-program}, {@code official-account} or {@code website}
 */
public record SandboxApp(String appId, String secret, String type) {

    public boolean isMiniProgram() {
        return AppType.MINI_PROGRAM.wireName().equals(type);
    }

    /** An Open Platform website app: QR login only, no access_token. */
    public boolean isWebsite() {
        return AppType.WEBSITE.wireName().equals(type);
    }

    @Override
    public String toString() {
        return "SandboxApp[appId=" + appId + ", secret=****, type=" + type + "]";
    }
}
