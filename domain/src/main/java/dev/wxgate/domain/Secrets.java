package dev.wxgate.domain;

/** How a secret (a token, a key) is shown to a human: enough to tell two apart, never enough to use one. */
public final class Secrets {
    private Secrets() {}

    /** First and last four characters, for showing a secret to a human without revealing it. */
    public static String mask(String secret) {
        if (secret == null || secret.length() <= 12) {
            return "****";
        }
        return secret.substring(0, 4) + "…" + secret.substring(secret.length() - 4);
    }
}
