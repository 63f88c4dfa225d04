package dev.wxgate.adapters.web.jssdk;

import dev.wxgate.application.jssdk.JsSdkSignature;
import dev.wxgate.application.jssdk.PageUrl;
import dev.wxgate.application.jssdk.SignPageJsSdkConfig;
import dev.wxgate.domain.app.AppId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: the {@code wx.config} signature a page of an official account asks for itself, without credentials, for
 * pages under the app's JS-safe domains only. CORS is {@link JsSdkCorsFilter}'s.
 */
@RestController
class JsSdkConfigController {
    static final String PATH = "/api/v1/jssdk-config";

    private final SignPageJsSdkConfig sign;

    JsSdkConfigController(SignPageJsSdkConfig sign) {
        this.sign = sign;
    }

    /** What the page passes to {@code wx.config}. */
    record ConfigAnswer(String appId, long timestamp, String nonceStr, String signature) {}

    @GetMapping(PATH)
    ResponseEntity<ConfigAnswer> config(
            @RequestParam(name = "appId", required = false) String appId,
            @RequestParam(name = "url", required = false) String url,
            HttpServletRequest http) {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId is required");
        }
        AppId app = AppId.of(appId);
        PageUrl page = PageUrl.parse(url);
        JsSdkSignature signed = sign.sign(new SignPageJsSdkConfig.Command(app, page, http.getRemoteAddr()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new ConfigAnswer(
                        signed.appId().value(), signed.timestamp(), signed.nonceStr(), signed.signature()));
    }
}
