package dev.wxgate.sandbox;

/**
 * Value: a fault injected into one endpoint: added latency, a share of calls answered "system busy" (-1), or an
 * outage.
 */
record Fault(long latencyMillis, double busyRate, boolean outage) {
    static final long MAX_LATENCY_MILLIS = 120_000;

    Fault {
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
