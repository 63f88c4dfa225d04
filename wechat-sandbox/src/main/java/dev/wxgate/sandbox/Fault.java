package dev.wxgate.sandbox;

/**
 * Value: a fault injected into one endpoint: added latency, a share of calls answered "system busy" (-1), an outage,
 * or every call answered one WeChat error ({@code errcode}, 0 for none: e.g. 40125 invalid appsecret, 40164 IP not
 * on the whitelist), as when the secret was reset in WeChat's admin.
 */
record Fault(long latencyMillis, double busyRate, boolean outage, int errcode) {
    static final long MAX_LATENCY_MILLIS = 120_000;

    Fault(long latencyMillis, double busyRate, boolean outage) {
        this(latencyMillis, busyRate, outage, 0);
    }

    Fault {
        if (errcode != 0 && ErrorCode.of(errcode).isEmpty()) {
            throw new SandboxInputException(
                    SandboxInputException.Kind.INVALID, "errcode must be 0 or one the sandbox answers, e.g. 40125");
        }
        if (latencyMillis < 0 || latencyMillis > MAX_LATENCY_MILLIS) {
            throw new SandboxInputException(
                    SandboxInputException.Kind.INVALID, "latencyMillis must be between 0 and " + MAX_LATENCY_MILLIS);
        }
        // The negated form also rejects NaN.
        if (!(busyRate >= 0.0 && busyRate <= 1.0)) {
            throw new SandboxInputException(SandboxInputException.Kind.INVALID, "busyRate must be between 0 and 1");
        }
    }
}
