package dev.wxgate.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A real consumer: the orders example, a plain Spring Boot resource server with no wxgate code, checks wxgate sessions
 * by introspection. It sees the user the mini-program logged in as, and refuses the token at once after logout.
 */
class OrdersExampleTest extends OrdersExampleSupport {

    OrdersExampleTest() {
        super("introspection");
    }

    @Test
    void theExampleSeesTheLoggedInUserAndRefusesTheTokenAtOnceAfterLogout() throws Exception {
        Wxgate wxgate = wxgate();
        Wxgate.LoggedIn user = wxgate.logIn("oOrdersCustomer");

        assertSeesUser(orders(user.token()), user);

        wxgate.logOut(user.token());

        assertThat(orders(user.token()).statusCode())
                .as("no cache, no grace: refused at once")
                .isEqualTo(401);
    }

    @Test
    void theExampleRefusesRequestsWithoutALiveSession() throws Exception {
        assertThat(orders(null).statusCode()).isEqualTo(401);
        assertThat(orders("A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(orders("not a token").statusCode()).isEqualTo(401);
    }
}
