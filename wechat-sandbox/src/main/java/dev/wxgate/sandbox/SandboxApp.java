package dev.wxgate.sandbox;

/**
 * Value: an app the sandbox serves, as a host application sees it (wxgate's embedded default serves these apps).
 *
 * @param appId the app id
 * @param secret the AppSecret the sandbox accepts for it
 * @param type {@code mini-program} or {@code official-account}
 */
public record SandboxApp(String appId, String secret, String type) {

    public boolean isMiniProgram() {
        return AppType.MINI_PROGRAM.wireName().equals(type);
    }

    @Override
    public String toString() {
        return "SandboxApp[appId=" + appId + ", secret=****, type=" + type + "]";
    }
}
