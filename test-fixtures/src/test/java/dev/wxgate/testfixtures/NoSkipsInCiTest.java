package dev.wxgate.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.opentest4j.TestAbortedException;

class NoSkipsInCiTest {

    @Test
    void aSkipBecomesAFailureInCi() {
        TestAbortedException skipped = new TestAbortedException("nginx is not installed");

        assertThat(NoSkipsInCi.failInCi(skipped, true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nginx is not installed")
                .hasCause(skipped);
    }

    @Test
    void aSkipStaysASkipOutsideCi() {
        TestAbortedException skipped = new TestAbortedException("nginx is not installed");

        assertThat(NoSkipsInCi.failInCi(skipped, false)).isSameAs(skipped);
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IllegalStateException broken = new IllegalStateException("broken");

        assertThat(NoSkipsInCi.failInCi(broken, true)).isSameAs(broken);
    }

    @Test
    void itIsRegisteredForJUnitsAutoDetection() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(NoSkipsInCi.class);
    }
}
