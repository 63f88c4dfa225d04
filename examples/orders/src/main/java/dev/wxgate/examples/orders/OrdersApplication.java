package dev.wxgate.examples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Example: a team's "orders" service that trusts wxgate sessions through Spring Security's OAuth 2 resource server
 * alone. Profile {@code introspection} asks wxgate about each token (RFC 7662); profile {@code jwt} checks wxgate's
 * session JWTs against its JWKS. Nothing here is wxgate code: this is all a consumer writes.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
