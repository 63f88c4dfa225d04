package dev.wxgate.adapters.web.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.callback.CallbackPush;
import dev.wxgate.application.callback.ReceiveCallback;
import dev.wxgate.application.callback.VerifyCallbackUrl;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.EncryptType;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.SignatureParameters;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The callback endpoint's web contract over mocked use cases: the query read from the query string only, the body
 * passed on raw whatever its Content-Type, the answer's type, and every failure as its precise status and JSON body.
 */
@WebMvcTest
class CallbackControllerWebTest {
    private static final String APP = "wx0123456789abcdef";
    private static final String PATH = "/wx/callback/" + APP;

    @Autowired
    MockMvc http;

    @MockitoBean
    ReceiveCallback receive;

    @MockitoBean
    VerifyCallbackUrl verifyUrl;

    @Test
    void aPushReachesTheUseCaseTypedWithTheQueryStringsParametersNotTheFormBodys() throws Exception {
        given(receive.receive(any())).willReturn(new ReceiveCallback.Answer("<xml/>", Optional.of(MessageFormat.XML)));
        String form = "signature=forged&timestamp=1&nonce=forged&encrypt_type=raw";

        http.perform(post(PATH + "?signature=s1&timestamp=1764000000&nonce=n1&encrypt_type=aes&msg_signature=m1")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(form))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/xml;charset=UTF-8"))
                .andExpect(content().string("<xml/>"));

        CallbackPush push = pushed();
        assertThat(push.appId()).isEqualTo(AppId.of(APP));
        assertThat(push.signed()).isEqualTo(new SignatureParameters("s1", "m1", "1764000000", "n1"));
        assertThat(push.encryptType()).isEqualTo(EncryptType.AES);
        assertThat(new String(push.body(), StandardCharsets.UTF_8)).isEqualTo(form);
    }

    @Test
    void aBodyWithoutAContentTypeIsPassedOnByteForByte() throws Exception {
        given(receive.receive(any())).willReturn(ReceiveCallback.Answer.SUCCESS);
        byte[] body = "\uFEFF<xml><Content><![CDATA[你好]]></Content></xml>".getBytes(StandardCharsets.UTF_8);

        http.perform(post(PATH + "?signature=s&timestamp=1&nonce=n").content(body))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andExpect(content().string("success"));

        assertThat(pushed().body()).isEqualTo(body);
        assertThat(pushed().encryptType()).isEqualTo(EncryptType.PLAIN);
    }

    @Test
    void missingOrUndecodableParametersReachTheUseCaseAsAbsent() throws Exception {
        given(receive.receive(any())).willReturn(new ReceiveCallback.Answer("{}", Optional.of(MessageFormat.JSON)));

        // Set raw: a client library would not send a malformed escape, a forger may.
        http.perform(post(PATH)
                        .with(request -> {
                            request.setQueryString("timestamp=%zz&nonce=n&nonce=second&encrypt_type=none");
                            return request;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/json;charset=UTF-8"));

        CallbackPush push = pushed();
        assertThat(push.signed()).isEqualTo(new SignatureParameters(null, null, null, "n"));
        assertThat(push.encryptType()).isEqualTo(EncryptType.UNSUPPORTED);
    }

    @Test
    void aUrlVerificationEchoesAsPlainText() throws Exception {
        given(verifyUrl.verify(any())).willReturn("echo-123");

        http.perform(get(PATH + "?signature=s&timestamp=1&nonce=n&echostr=echo-123"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andExpect(content().string("echo-123"));

        verify(verifyUrl).verify(new VerifyCallbackUrl.Command(AppId.of(APP), "s", "1", "n", "echo-123"));
    }

    @Test
    void aSignatureThatDoesNotMatchIs403() throws Exception {
        given(receive.receive(any())).willThrow(new CallbackRejectedException(Reason.BAD_SIGNATURE));

        http.perform(post(PATH).content("<xml/>"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("bad_signature"))
                .andExpect(jsonPath("$.message").value(Reason.BAD_SIGNATURE.text()));
    }

    @Test
    void aConcealedFailureIsAnsweredUndecryptableNeverItsReason() throws Exception {
        given(receive.receive(any())).willThrow(new CallbackRejectedException(Reason.BAD_PADDING).concealed());

        http.perform(post(PATH).content("<xml/>"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("undecryptable"))
                .andExpect(jsonPath("$.message").value(Reason.UNDECRYPTABLE.text()));
    }

    @Test
    void otherRefusalsAre400WithTheirOwnAnswer() throws Exception {
        given(receive.receive(any())).willThrow(new CallbackRejectedException(Reason.STALE_TIMESTAMP));

        http.perform(post(PATH).content("<xml/>"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("stale_timestamp"));
    }

    @Test
    void anAppThatTakesNoCallbacksIs404() throws Exception {
        given(receive.receive(any())).willThrow(new UnknownAppException(AppId.of(APP)));

        http.perform(post(PATH).content("<xml/>"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("unknown_app"));
    }

    @Test
    void aMalformedAppIdIs404AndNeverReachesTheUseCase() throws Exception {
        http.perform(post("/wx/callback/not-an-app").content("<xml/>"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("unknown_app"));

        verifyNoInteractions(receive);
    }

    @Test
    void anUnreachableDuplicateStoreIs503SoWechatRetries() throws Exception {
        given(receive.receive(any())).willThrow(new StoreUnavailableException("redis is down", null));

        http.perform(post(PATH).content("<xml/>"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("store_unavailable"));
    }

    @Test
    void aBodyPastTheLimitIs413AndNeverReachesTheUseCase() throws Exception {
        http.perform(post(PATH).content(new byte[CallbackTestConfiguration.MAX_BODY + 1]))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.error").value("payload_too_large"));

        verifyNoInteractions(receive);
    }

    private CallbackPush pushed() {
        ArgumentCaptor<CallbackPush> push = ArgumentCaptor.forClass(CallbackPush.class);
        verify(receive, org.mockito.Mockito.atLeastOnce()).receive(push.capture());
        return push.getValue();
    }
}
