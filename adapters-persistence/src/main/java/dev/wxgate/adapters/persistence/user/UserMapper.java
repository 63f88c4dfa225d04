package dev.wxgate.adapters.persistence.user;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of the users and user_identities tables; the SQL is in UserMapper.xml beside this interface. */
interface UserMapper {

    IdentityRow findIdentity(@Param("appId") String appId, @Param("openId") String openId);

    List<IdentityRow> findIdentitiesOfUsers(@Param("userIds") Collection<Long> userIds);

    UserRow findUser(@Param("id") long id);

    /** The user's row once per identity, identities in the order they were first seen (no row: no user). */
    List<UserIdentityRow> findUserWithIdentities(@Param("id") long id);

    Long findUserIdByUnionId(@Param("unionId") String unionId);

    void insertUser(NewUserRow row);

    void insertIdentity(
            @Param("appId") String appId,
            @Param("openId") String openId,
            @Param("userId") long userId,
            @Param("unionId") String unionId,
            @Param("now") LocalDateTime now);

    int updateIdentityUnionId(
            @Param("appId") String appId, @Param("openId") String openId, @Param("unionId") String unionId);

    /** Gives the user {@code unionId} unless it has one already. */
    int adoptUnionId(@Param("userId") long userId, @Param("unionId") String unionId, @Param("now") LocalDateTime now);

    int updateProfile(
            @Param("userId") long userId,
            @Param("nickname") String nickname,
            @Param("avatarUrl") String avatarUrl,
            @Param("now") LocalDateTime now);

    long countUsers(
            @Param("userId") Long userId,
            @Param("appId") String appId,
            @Param("openId") String openId,
            @Param("unionId") String unionId);

    List<UserRow> searchUsers(
            @Param("userId") Long userId,
            @Param("appId") String appId,
            @Param("openId") String openId,
            @Param("unionId") String unionId,
            @Param("limit") int limit,
            @Param("offset") long offset);
}
