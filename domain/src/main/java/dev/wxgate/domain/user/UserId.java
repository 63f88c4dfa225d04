package dev.wxgate.domain.user;

/** wxgate's own id for a user, whatever apps and identities the user has. */
public record UserId(long value) {
    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("userId must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
