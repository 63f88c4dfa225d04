package dev.wxgate.adapters.web.jose;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.jwt.JwtSettings;
import dev.wxgate.application.jwt.PublishJwks;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.SessionJwtClaims;
import dev.wxgate.domain.jwt.SessionJwtSigner;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class JwksControllerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final List<SigningKey> keys = new ArrayList<>();
    private boolean storeDown;

    private final SigningKeyStore store = new SigningKeyStore() {
        @Override
        public List<SigningKey> all() {
            if (storeDown) {
                throw new StoreUnavailableException("the signing key store failed to read the signing keys", null);
            }
            return List.copyOf(keys);
        }

        @Override
        public boolean add(SigningKey key) {
            return keys.add(key);
        }

        @Override
        public boolean remove(KeyId id) {
            return keys.removeIf(key -> key.id().equals(id));
        }
    };

    /** Publishes each key as its kid: what the JWKS holds is the signer's business, tested where it lives. */
    private final SessionJwtSigner signer = new SessionJwtSigner() {
        @Override
        public SigningKey newKey(long generation, Instant now) {
            return new SigningKey(new KeyId("signing-key-" + generation), generation, "{}", "{}", now);
        }

        @Override
        public String sign(SigningKey key, SessionJwtClaims claims) {
            throw new UnsupportedOperationException("the JWKS signs nothing");
        }

        @Override
        public Map<String, Object> jwks(List<SigningKey> published) {
            return Map.of(
                    "keys",
                    published.stream()
                            .map(key -> Map.of("kid", key.id().value()))
                            .toList());
        }
    };

    private MockMvc mvc(String issuer) {
        JwtSettings settings = new JwtSettings(issuer, List.of(), Duration.ofMinutes(5), Duration.ofDays(30));
        JwksController controller = new JwksController(
                new PublishJwks(store, signer, settings, Clock.fixed(NOW, ZoneOffset.UTC)),
                settings,
                new JoseConfiguration.JwksMaxAge(Duration.ofSeconds(60)));
        return MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new JoseErrors())
                .build();
    }

    @Test
    void theJwksIsCacheablePubliclyForTheConfiguredTime() throws Exception {
        store.add(signer.newKey(1, NOW));

        mvc("wxgate")
                .perform(get("/.well-known/jwks.json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "max-age=60, public"))
                .andExpect(header().string("Content-Type", "application/jwk-set+json"))
                .andExpect(jsonPath("$.keys.length()").value(1))
                .andExpect(jsonPath("$.keys[0].kid").value("signing-key-1"));
    }

    @Test
    void anUnreachableKeyStoreIs503NotA500() throws Exception {
        storeDown = true;

        mvc("wxgate")
                .perform(get("/.well-known/jwks.json"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("store_unavailable"));
    }

    @Test
    void withAnIssuerThatIsNoUrlTheDiscoveryPointsToTheJwksWhereTheRequestCame() throws Exception {
        mvc("wxgate")
                .perform(get("/.well-known/openid-configuration"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.issuer").value("wxgate"))
                .andExpect(jsonPath("$.jwks_uri").value("http://localhost/.well-known/jwks.json"));
    }

    @Test
    void withAnIssuerUrlTheDiscoveryPointsToTheJwksUnderIt() throws Exception {
        mvc("https://login.example.com/")
                .perform(get("/.well-known/openid-configuration"))
                .andExpect(jsonPath("$.jwks_uri").value("https://login.example.com/.well-known/jwks.json"));
    }
}
