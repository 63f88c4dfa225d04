package dev.wxgate.domain.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import org.junit.jupiter.api.Test;

class CallbackRejectedExceptionTest {

    @Test
    void aRejectionIsAnsweredWithItsOwnReason() {
        CallbackRejectedException rejected = new CallbackRejectedException(Reason.STALE_TIMESTAMP);

        assertThat(rejected.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(rejected.answer()).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(rejected.getMessage()).isEqualTo(Reason.STALE_TIMESTAMP.text());
    }

    @Test
    void aConcealedFailureKeepsItsReasonButAnswersUndecryptable() {
        for (Reason reason : new Reason[] {Reason.BAD_PADDING, Reason.WRONG_APP, Reason.BAD_LENGTH, Reason.MALFORMED}) {
            CallbackRejectedException concealed = new CallbackRejectedException(reason).concealed();

            assertThat(concealed.reason()).isEqualTo(reason);
            assertThat(concealed.answer()).isEqualTo(Reason.UNDECRYPTABLE);
            assertThat(concealed.getMessage()).isEqualTo(Reason.UNDECRYPTABLE.text());
        }
    }
}
