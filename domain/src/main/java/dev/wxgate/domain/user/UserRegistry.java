package dev.wxgate.domain.user;

import java.util.Optional;

/** Secondary port: who the users are. */
public interface UserRegistry {

    /**
     * Loads the user behind {@code identity}, registering one on first sight. Concurrent first logins of one identity
     * yield one user; an identity whose unionid another identity already has joins that user.
     */
    Registration registerOrLoad(Identity identity);

    Optional<User> find(UserId id);

    /** The user, and whether this call created it. */
    record Registration(User user, boolean newUser) {}
}
