package dev.wxgate.examples.orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Example API: the caller's orders. Who the caller is comes from the token's claims, whichever way it was checked:
 * introspection and session JWTs carry the same ones ({@code sub} is wxgate's user id).
 */
@RestController
class OrdersController {

    @GetMapping("/orders")
    Map<String, Object> orders(AbstractOAuth2TokenAuthenticationToken<?> caller) {
        Map<String, Object> claims = caller.getTokenAttributes();
        String userId = String.valueOf(claims.get("sub"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userId", userId);
        answer.put("openid", claims.get("openid"));
        answer.put("appId", claims.get("app_id"));
        answer.put("orders", List.of(Map.of("id", "order-" + userId + "-1", "item", "coffee beans", "quantity", 2)));
        return answer;
    }
}
