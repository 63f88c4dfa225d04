package dev.wxgate.bootstrap;

import dev.wxgate.domain.wechat.WechatException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times calls to one of WeChat's endpoints as a Micrometer timer tagged with how each ended: {@code success}, WeChat's
 * failure kind (e.g. {@code bad_credentials}), or {@code error}. The token, ticket and login metrics share it.
 */
final class UpstreamTimer {
    private final MeterRegistry registry;
    private final String name;
    private final String description;

    UpstreamTimer(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** Runs {@code call}, timed under {@code tags} (name, value pairs) and the outcome. */
    <T> T time(Supplier<T> call, String... tags) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "success";
        try {
            return call.get();
        } catch (WechatException failed) {
            outcome = failed.failure().name().toLowerCase(Locale.ROOT);
            throw failed;
        } catch (RuntimeException failed) {
            outcome = "error";
            throw failed;
        } finally {
            sample.stop(Timer.builder(name)
                    .description(description)
                    .tags(tags)
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }
}
