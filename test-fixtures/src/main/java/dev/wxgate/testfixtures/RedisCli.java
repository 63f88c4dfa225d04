package dev.wxgate.testfixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code redis-cli} against a loopback port: the fixtures' way to create a cluster and to read a node's state. */
public final class RedisCli {
    private RedisCli() {}

    /** Runs {@code redis-cli -h 127.0.0.1 -p port arguments...} and returns its output; fails on a non-zero exit. */
    public static String run(int port, String... arguments) {
        List<String> command =
                new ArrayList<>(List.of(RedisBinaries.cli(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(arguments));
        return exec(command);
    }

    static String exec(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException failed) {
            throw new IllegalStateException("could not run " + command.getFirst() + ": " + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The value of {@code field} in an {@code INFO} answer ({@code field:value} lines), or empty text. */
    public static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "";
    }
}
