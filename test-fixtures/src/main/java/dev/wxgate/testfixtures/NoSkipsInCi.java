package dev.wxgate.testfixtures;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Test fixture, registered for every test of a module that has test-fixtures on its classpath (JUnit's extension
 * auto-detection, switched on in the root pom): under {@code CI=true} a failed assumption fails the test instead of
 * skipping it, so that no test can drop out of CI silently, whatever the reason it gave. Elsewhere it does nothing.
 */
public final class NoSkipsInCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(thrown);
    }

    static Throwable failInCi(Throwable thrown) {
        return failInCi(thrown, RequiredTool.inCi());
    }

    static Throwable failInCi(Throwable thrown, boolean ci) {
        if (thrown instanceof TestAbortedException aborted && ci) {
            return new AssertionError("under CI=true no test may skip: " + aborted.getMessage(), aborted);
        }
        return thrown;
    }
}
