package dev.wxgate.domain.callback;

import static dev.wxgate.domain.callback.OfficialExamples.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackSignatureTest {

    @Test
    void officialUrlVerificationExampleVerifies() {
        assertThat(CallbackSignature.of(TOKEN, GET_TIMESTAMP, GET_NONCE)).isEqualTo(GET_SIGNATURE);
        assertThat(CallbackSignature.matches(GET_SIGNATURE, TOKEN, GET_TIMESTAMP, GET_NONCE))
                .isTrue();
    }

    @Test
    void officialSafeModeXmlExampleSignaturesVerify() {
        assertThat(CallbackSignature.of(TOKEN, XML_TIMESTAMP, XML_NONCE)).isEqualTo(XML_SIGNATURE);
        assertThat(CallbackSignature.of(TOKEN, XML_TIMESTAMP, XML_NONCE, XML_ENCRYPT))
                .isEqualTo(XML_MSG_SIGNATURE);
    }

    @Test
    void officialJsonExampleMsgSignatureVerifies() {
        assertThat(CallbackSignature.matches(JSON_MSG_SIGNATURE, TOKEN, JSON_TIMESTAMP, JSON_NONCE, JSON_ENCRYPT))
                .isTrue();
    }

    @Test
    void officialReplyExampleSignatureVerifies() {
        assertThat(CallbackSignature.of(TOKEN, REPLY_TIMESTAMP, REPLY_NONCE, REPLY_ENCRYPT))
                .isEqualTo(REPLY_SIGNATURE);
    }

    @Test
    void anyChangedPartOrMissingClaimDoesNotMatch() {
        assertThat(CallbackSignature.matches(GET_SIGNATURE, TOKEN, GET_TIMESTAMP, "1514711493"))
                .isFalse();
        assertThat(CallbackSignature.matches(GET_SIGNATURE, "AAAAB", GET_TIMESTAMP, GET_NONCE))
                .isFalse();
        assertThat(CallbackSignature.matches(null, TOKEN, GET_TIMESTAMP, GET_NONCE))
                .isFalse();
        assertThat(CallbackSignature.matches(GET_SIGNATURE, TOKEN, null, GET_NONCE))
                .isFalse();
        assertThat(CallbackSignature.matches("", TOKEN, GET_TIMESTAMP, GET_NONCE))
                .isFalse();
        assertThat(CallbackSignature.matches(GET_SIGNATURE.substring(1), TOKEN, GET_TIMESTAMP, GET_NONCE))
                .isFalse();
    }
}
