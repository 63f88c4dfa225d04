package dev.wxgate.sandbox;

import java.util.List;

/**
 * Value: the apps the sandbox was started with.
 *
 * @param all the apps, in configuration order
 */
public record SandboxApps(List<SandboxApp> all) {
    public SandboxApps {
        all = List.copyOf(all);
    }
}
