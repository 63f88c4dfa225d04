package dev.wxgate.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Policy: who may call the control API and the push tool. By default only a client on this host: the sandbox is a
 * development tool whose control calls (reset, faults, clock, codes, pushes) must not answer the network. A request
 * that came through a proxy (it carries {@code Forwarded} or {@code X-Forwarded-For}) is not a local client, even
 * when the proxy itself is on loopback.
 */
final class ControlAccess {
    /** An IPv4 or IPv6 literal, as a servlet container gives the remote address; never a name to resolve. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?");

    /** {@code wxgate.sandbox.control-from}. */
    enum From {
        LOOPBACK,
        ANY
    }

    private final From from;

    ControlAccess(From from) {
        this.from = from;
    }

    /**
     * @param remoteAddress the client's address as the servlet container gives it
     * @param forwarded whether the request carries {@code Forwarded} or {@code X-Forwarded-For}
     */
    boolean allows(String remoteAddress, boolean forwarded) {
        if (from == From.ANY) {
            return true;
        }
        return isLoopback(remoteAddress) && !forwarded;
    }

    static boolean isLoopback(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.toLowerCase(Locale.ROOT)).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** The refusal, naming the setting that opens it. */
    static SandboxInputException refusal() {
        return SandboxInputException.forbidden("the sandbox's control API and push tool answer clients on this host"
                + " only (wxgate.sandbox.control-from=loopback); set wxgate.sandbox.control-from=any to open them");
    }
}
