package dev.wxgate.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound adapter: the standalone sandbox's answer for paths nobody serves, a WeChat-style 404 JSON. Declared only by
 * {@link WechatSandboxApplication}: embedded, the host's other paths are not the sandbox's business.
 */
@RestController
class StandaloneFallbackController {
    private final SandboxEngine engine;

    StandaloneFallbackController(SandboxEngine engine) {
        this.engine = engine;
    }

    @RequestMapping("/**")
    ResponseEntity<byte[]> unknown(HttpServletRequest request) {
        return WechatApiController.notFound(engine, request);
    }
}
