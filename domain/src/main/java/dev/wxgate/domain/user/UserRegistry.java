package dev.wxgate.domain.user;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.StoreUnavailableException;
import java.util.Optional;

/**
 * Secondary port: who the users are. A user is reached through identities {@code (appId, openid)}; identities that
 * bring the same unionid (apps of one Open Platform account) reach the same user.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the store cannot be reached or fails.
 */
public interface UserRegistry {

    /**
     * Loads the user behind {@code identity}, registering one on first sight. Concurrent first logins of one identity
     * yield one user, and exactly one of them reports {@code newUser}. An identity whose unionid another identity
     * already brought joins that user. An identity seen before without a unionid records the one it brings now.
     */
    Registration registerOrLoad(Identity identity);

    /** The user with all its identities, if it exists. */
    Optional<User> find(UserId id);

    /** Replaces the user's profile; the updated user, or empty when there is no such user. */
    Optional<User> updateProfile(UserId id, Profile profile);

    /** The users matching {@code query}, newest first, with their identities. */
    Page<User> search(UserQuery query, PageRequest page);

    /** The user, and whether this call created it. */
    record Registration(User user, boolean newUser) {
        public Registration {
            if (user == null) {
                throw new IllegalArgumentException("user is required");
            }
        }
    }
}
