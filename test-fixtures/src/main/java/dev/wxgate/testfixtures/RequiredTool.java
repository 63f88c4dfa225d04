package dev.wxgate.testfixtures;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: what a test does when a tool or service it needs (Node.js, Chromium, nginx, RabbitMQ) is missing. On a
 * developer's machine the test is skipped, saying how to get the tool; under {@code CI=true} it fails, since a suite
 * that skips for want of a tool is a hole in CI.
 */
public final class RequiredTool {
    private RequiredTool() {}

    /** Whether this run is CI's ({@code CI=true}, as {@code .ci/run} sets it). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Returns when {@code present}; otherwise fails (CI) or skips (elsewhere) with {@code missing} as the reason. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (inCi()) {
            Assertions.fail(missing + ": under CI=true this test must run, not skip");
        }
        Assumptions.abort(missing + ": skipped");
    }
}
