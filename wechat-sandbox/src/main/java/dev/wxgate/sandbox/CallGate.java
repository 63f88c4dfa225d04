package dev.wxgate.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Engine part: counts every emulated call and applies the faults set through the control API. */
final class CallGate {
    private static final Logger log = LoggerFactory.getLogger(CallGate.class);

    private final DoubleSupplier faultDice;
    private final SandboxEngine.Sleeper sleeper;

    CallGate(DoubleSupplier faultDice, SandboxEngine.Sleeper sleeper) {
        this.faultDice = faultDice;
        this.sleeper = sleeper;
    }

    /**
     * Counts the call, then applies the endpoint's fault: latency first (so latency plus outage looks like a hung
     * upstream), then outage, then "system busy". Null lets the call proceed.
     */
    <T> Outcome<T> admit(EngineState s, Endpoint endpoint, String statsApp) {
        s.stats.record(statsApp, endpoint);
        Fault fault = s.faults.get(endpoint.ordinal());
        if (fault == null) {
            return null;
        }
        if (fault.latencyMillis() > 0) {
            // Sleeps on the request's own thread, then answers normally. The sandbox serves on virtual threads, so a
            // call waiting out its latency is an unmounted virtual thread: jstack and Thread.print do not list it
            // (jcmd <pid> Thread.dump_to_file does), and the sandbox then only looks idle.
            try {
                sleeper.sleep(Duration.ofMillis(fault.latencyMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.outage()) {
            return Outcome.unavailable();
        }
        if (fault.errcode() != 0) {
            return Outcome.failed(ErrorCode.of(fault.errcode()).orElseThrow());
        }
        if (fault.busyRate() > 0 && faultDice.getAsDouble() < fault.busyRate()) {
            return Outcome.failed(ErrorCode.SYSTEM_ERROR);
        }
        return null;
    }

    <T> Outcome<T> admit(EngineState s, Endpoint endpoint, AppState app) {
        return admit(s, endpoint, app == null ? CallStats.UNKNOWN_APP : app.appId());
    }

    <T> Outcome<T> admit(EngineState s, Endpoint endpoint, IssuedToken token) {
        return admit(s, endpoint, token == null ? CallStats.UNKNOWN_APP : token.appId());
    }

    void setFault(EngineState s, Endpoint endpoint, Fault fault) {
        s.faults.set(endpoint.ordinal(), fault);
        log.info("fault on {}: {}", endpoint.path(), fault);
    }

    void clearFault(EngineState s, Endpoint endpoint) {
        s.faults.set(endpoint.ordinal(), null);
    }

    void clearFaults(EngineState s) {
        for (int i = 0; i < s.faults.length(); i++) {
            s.faults.set(i, null);
        }
        log.info("faults cleared");
    }

    Map<String, Fault> faults(EngineState s) {
        Map<String, Fault> result = new TreeMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            Fault fault = s.faults.get(endpoint.ordinal());
            if (fault != null) {
                result.put(endpoint.faultKey(), fault);
            }
        }
        return result;
    }
}
