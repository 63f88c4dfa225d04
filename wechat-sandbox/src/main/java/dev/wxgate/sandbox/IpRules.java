package dev.wxgate.sandbox;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State: an app's API IP rules, as WeChat's admin sets them: the IP whitelist (off until set: every address may call
 * the token endpoints) and risk control, under which the first token call from an address WeChat has not seen answers
 * 89503 until an admin confirms that address (the control API plays the admin).
 */
final class IpRules {
    private volatile Set<String> whitelist; // null: off
    private volatile boolean riskControl;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** What WeChat's admin shows: the whitelist (null when off), risk control, and the addresses it knows of. */
    record View(List<String> whitelist, boolean riskControl, List<String> confirmed, List<String> pending) {}

    /** Null when {@code ip} may call; else the refusal (40164 names the address). */
    Refusal check(String ip) {
        Set<String> allowed = whitelist;
        if (allowed != null && !allowed.contains(ip)) {
            return new Refusal(ErrorCode.IP_NOT_IN_WHITELIST, "invalid ip " + ip + ", not in whitelist");
        }
        if (riskControl && !confirmed.contains(ip)) {
            pending.add(ip);
            return new Refusal(ErrorCode.IP_NEEDS_CONFIRMATION, ErrorCode.IP_NEEDS_CONFIRMATION.message());
        }
        return null;
    }

    /** The answer to a call from an address the rules refuse. */
    record Refusal(ErrorCode code, String message) {}

    /** Replaces the whitelist ({@code null} turns it off) and switches risk control. */
    void set(List<String> ips, boolean riskControl) {
        this.whitelist = ips == null ? null : Set.copyOf(ips);
        this.riskControl = riskControl;
    }

    /** The admin confirms {@code ip}: its calls pass risk control from now on. */
    void confirm(String ip) {
        confirmed.add(ip);
        pending.remove(ip);
    }

    View view() {
        Set<String> allowed = whitelist;
        return new View(
                allowed == null ? null : List.copyOf(new TreeSet<>(allowed)),
                riskControl,
                List.copyOf(new TreeSet<>(confirmed)),
                List.copyOf(new TreeSet<>(pending)));
    }
}
