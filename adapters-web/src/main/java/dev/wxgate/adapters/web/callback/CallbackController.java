package dev.wxgate.adapters.web.callback;

import dev.wxgate.application.callback.CallbackPush;
import dev.wxgate.application.callback.ReceiveCallback;
import dev.wxgate.application.callback.VerifyCallbackUrl;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.MessageFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: WeChat's callbacks for one app, as WeChat calls them: {@code GET} verifies the URL, {@code POST} pushes a
 * message. Authenticated by WeChat's signatures, which the use cases check. The query parameters come from the query
 * string only and the body is read raw, whatever its Content-Type: a push sent without one, or as a form, is the same
 * push (the servlet's form parsing would consume the body and mix its fields into the query's). A push reaches the
 * use case typed, read here once: a {@link CallbackPush}.
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
    ResponseEntity<String> verify(@PathVariable String appId, HttpServletRequest request) {
        QueryParameters query = QueryParameters.of(request.getQueryString());
        String echo = verify.verify(new VerifyCallbackUrl.Command(
                AppId.of(appId),
                query.get("signature"),
                query.get("timestamp"),
                query.get("nonce"),
                query.get("echostr")));
        return ResponseEntity.ok().contentType(TEXT).body(echo);
    }

    @PostMapping("/wx/callback/{appId}")
    ResponseEntity<String> receive(@PathVariable String appId, HttpServletRequest request) throws IOException {
        QueryParameters query = QueryParameters.of(request.getQueryString());
        // Bounded: the chain's BodySizeLimitFilter stops a body past the limit, declared or chunked.
        byte[] body = request.getInputStream().readAllBytes();
        ReceiveCallback.Answer answer = receive.receive(CallbackPush.of(
                AppId.of(appId),
                query.get("signature"),
                query.get("timestamp"),
                query.get("nonce"),
                query.get("encrypt_type"),
                query.get("msg_signature"),
                body));
        MediaType type = answer.format()
                .map(format -> format == MessageFormat.JSON ? JSON : XML)
                .orElse(TEXT);
        return ResponseEntity.ok().contentType(type).body(answer.body());
    }
}
