package dev.wxgate.adapters.web.callback;

import dev.wxgate.application.callback.ReceiveCallback;
import dev.wxgate.application.callback.VerifyCallbackUrl;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: WeChat's callbacks for one app, as WeChat calls them: {@code GET} verifies the URL, {@code POST} pushes a
 * message. Authenticated by WeChat's signatures, which the use cases check.
 */
@RestController
class CallbackController {
    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType XML = new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType JSON = new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8);

    private final VerifyCallbackUrl verify;
    private final ReceiveCallback receive;

    CallbackController(VerifyCallbackUrl verify, ReceiveCallback receive) {
        this.verify = verify;
        this.receive = receive;
    }

    @GetMapping("/wx/callback/{appId}")
    ResponseEntity<String> verify(
            @PathVariable String appId,
            @RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp,
            @RequestParam(required = false) String nonce,
            @RequestParam(required = false) String echostr) {
        String echo =
                verify.verify(new VerifyCallbackUrl.Command(AppId.of(appId), signature, timestamp, nonce, echostr));
        return ResponseEntity.ok().contentType(TEXT).body(echo);
    }

    @PostMapping("/wx/callback/{appId}")
    ResponseEntity<String> receive(
            @PathVariable String appId,
            @RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp,
            @RequestParam(required = false) String nonce,
            @RequestParam(name = "encrypt_type", required = false) String encryptType,
            @RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestBody(required = false) byte[] body) {
        ReceiveCallback.Answer answer = receive.receive(new ReceiveCallback.Command(
                AppId.of(appId), signature, timestamp, nonce, encryptType, msgSignature, body));
        MediaType type = answer.format()
                .map(format -> format == MessageFormat.JSON ? JSON : XML)
                .orElse(TEXT);
        return ResponseEntity.ok().contentType(type).body(answer.body());
    }
}
