package dev.wxgate.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserTest {
    private static final AppId APP = AppId.of("wx0000000000000001");
    private static final AppId OTHER_APP = AppId.of("wx0000000000000002");
    private static final Identity IDENTITY = new Identity(APP, new OpenId("oOpenId1"), Optional.empty());

    @Test
    void findsItsIdentityInAnApp() {
        User user = new User(new UserId(1), Optional.empty(), Profile.EMPTY, Instant.EPOCH, List.of(IDENTITY));

        assertThat(user.identityIn(APP)).contains(IDENTITY);
        assertThat(user.identityIn(OTHER_APP)).isEmpty();
        assertThat(user.profileComplete()).isFalse();
    }

    @Test
    void hasAtLeastOneIdentity() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new User(new UserId(1), Optional.empty(), Profile.EMPTY, Instant.EPOCH, List.of()))
                .withMessage("identities must not be empty");
    }

    @Test
    void queryCombinesCriteria() {
        UserQuery query = UserQuery.all().withAppId(APP).withOpenId(new OpenId("oOpenId1"));

        assertThat(query.appId()).contains(APP);
        assertThat(query.openId()).contains(new OpenId("oOpenId1"));
        assertThat(query.userId()).isEmpty();
        assertThat(query.unionId()).isEmpty();
    }
}
