package dev.wxgate.domain.user;

import dev.wxgate.domain.Require;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a user chose to show: a nickname (1 to {@value #MAX_NICKNAME} characters, emoji welcome, no control characters)
 * and an avatar (an https URL of at most {@value #MAX_AVATAR_URL} characters), as today's mini-programs collect them
 * with the nickname and avatar components. A new user has neither.
 */
public record Profile(Optional<String> nickname, Optional<String> avatarUrl) {
    public static final int MAX_NICKNAME = 64;
    public static final int MAX_AVATAR_URL = 512;
    public static final Profile EMPTY = new Profile(Optional.empty(), Optional.empty());

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    public Profile {
        Require.present(nickname, "nickname");
        Require.present(avatarUrl, "avatarUrl");
        nickname.ifPresent(Profile::checkNickname);
        avatarUrl.ifPresent(Profile::checkAvatarUrl);
    }

    /** A profile from what a client sent; {@code null} means not set. */
    public static Profile of(String nickname, String avatarUrl) {
        return new Profile(Optional.ofNullable(nickname), Optional.ofNullable(avatarUrl));
    }

    /** Whether the user set both a nickname and an avatar. */
    public boolean isComplete() {
        return nickname.isPresent() && avatarUrl.isPresent();
    }

    private static void checkNickname(String value) {
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_NICKNAME) {
            throw new IllegalArgumentException("nickname must be 1 to " + MAX_NICKNAME + " characters");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("nickname must not be blank");
        }
        if (CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException("nickname must not contain control characters");
        }
    }

    private static void checkAvatarUrl(String value) {
        if (value.length() > MAX_AVATAR_URL || !PRINTABLE_ASCII.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "avatarUrl must be an https URL of 1 to " + MAX_AVATAR_URL + " printable characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("avatarUrl must be an https URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("avatarUrl must be an https URL with a host and no user info");
        }
    }
}
