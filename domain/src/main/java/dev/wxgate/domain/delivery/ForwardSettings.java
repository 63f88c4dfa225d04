package dev.wxgate.domain.delivery;

import dev.wxgate.domain.Require;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where one app's pushes go ({@code wxgate.apps[N].forward.*}): a webhook, RabbitMQ, or both; and whether the webhook's
 * first attempt is made inside WeChat's request so that its answer can be the passive reply.
 *
 * @param replyDeadline when present, the webhook's first attempt is made inline and given up after this long
 */
public record ForwardSettings(Optional<Webhook> webhook, boolean rabbitmq, Optional<Duration> replyDeadline) {

    public ForwardSettings {
        Require.present(webhook, "forward.url");
        Require.present(replyDeadline, "forward.reply-timeout");
        if (replyDeadline.isPresent() && webhook.isEmpty()) {
            throw new IllegalArgumentException("forward.replies needs a forward.url: replies come from the webhook");
        }
        replyDeadline.ifPresent(deadline -> {
            if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofMillis(4_500)) > 0) {
                throw new IllegalArgumentException(
                        "forward.reply-timeout must be above 0 and at most 4.5 s: WeChat waits 5 s in all");
            }
        });
    }

    /** The sinks this app delivers to. */
    public Set<Sink> sinks() {
        Set<Sink> sinks = EnumSet.noneOf(Sink.class);
        webhook.ifPresent(unused -> sinks.add(Sink.WEBHOOK));
        if (rabbitmq) {
            sinks.add(Sink.RABBITMQ);
        }
        return sinks;
    }

    /**
     * A webhook: its URL (http or https) and the secret its requests are signed with.
     *
     * @param secret at least 16 characters; never shown by {@code toString()}
     */
    public record Webhook(URI url, String secret) {
        public Webhook {
            Require.present(url, "forward.url");
            Require.present(secret, "forward.secret");
            String scheme = url.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("forward.url must be an absolute http or https URL");
            }
            if (secret.length() < 16) {
                throw new IllegalArgumentException("forward.secret must be at least 16 characters");
            }
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=****]";
        }
    }
}
