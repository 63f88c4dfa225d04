package dev.wxgate.adapters.web.jose;

import dev.wxgate.application.jwt.JwtSettings;
import dev.wxgate.application.jwt.PublishJwks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Adapter: what a service needs to check session JWTs without wxgate's code: the JWKS, and a minimal discovery
 * document (issuer and jwks_uri) so that Spring's {@code issuer-uri} alone finds the keys.
 */
@RestController
class JwksController {
    static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final PublishJwks publish;
    private final JwtSettings settings;
    private final CacheControl cacheControl;

    JwksController(PublishJwks publish, JwtSettings settings, JoseConfiguration.JwksMaxAge maxAge) {
        this.publish = publish;
        this.settings = settings;
        this.cacheControl = CacheControl.maxAge(maxAge.value()).cachePublic();
    }

    @GetMapping(
            path = JWKS_PATH,
            produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(cacheControl)
                .contentType(JWK_SET)
                .body(publish.document());
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> discovery() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", settings.issuer());
        metadata.put("jwks_uri", jwksUri());
        metadata.put("id_token_signing_alg_values_supported", List.of("ES256"));
        return ResponseEntity.ok().cacheControl(cacheControl).body(metadata);
    }

    /** Under the issuer when it is wxgate's URL (as {@code issuer-uri} needs), else where this request came. */
    private String jwksUri() {
        String issuer = settings.issuer();
        if (issuer.startsWith("https://") || issuer.startsWith("http://")) {
            return issuer.replaceAll("/+$", "") + JWKS_PATH;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(JWKS_PATH)
                .toUriString();
    }
}
