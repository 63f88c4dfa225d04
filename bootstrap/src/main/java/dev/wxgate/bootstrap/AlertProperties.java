package dev.wxgate.bootstrap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert webhook wxgate calls itself ({@code wxgate.alerts.*}), so that alerts reach a person without Prometheus.
 * Off while {@code webhook.url} is unset.
 *
 * @param webhook where alert messages go, and the secret that signs them
 * @param checkInterval how often each node evaluates the conditions and sends what waits; an alert resolves once no
 *     node has seen its condition for three intervals
 * @param repeatInterval a firing alert is sent again (a reminder) this long after its last message
 * @param backlogThreshold more pending push deliveries than this fire {@code push_backlog}
 * @param quotaPercent an app's access_token calls today at or above this share of its daily quota fire
 *     {@code token_quota}
 * @param refreshFailures this many failed token refreshes in a row fire {@code refresh_failing}
 * @param timeout how long one attempt to send a message may take
 * @param backoffBase the longest wait after a first failed attempt; doubles with each failure (full jitter)
 * @param backoffCap the longest wait between two attempts; a message is never dropped
 */
@ConfigurationProperties("wxgate.alerts")
public record AlertProperties(
        @DefaultValue Webhook webhook,
        @DefaultValue("30s") Duration checkInterval,
        @DefaultValue("4h") Duration repeatInterval,
        @DefaultValue("1000") long backlogThreshold,
        @DefaultValue("80") int quotaPercent,
        @DefaultValue("3") int refreshFailures,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("10s") Duration backoffBase,
        @DefaultValue("10m") Duration backoffCap) {

    /**
     * The alert webhook.
     *
     * @param url where alert messages are {@code POST}ed ({@code http} or {@code https}); alerts are off without it. It
     *     may carry credentials in its query: only its scheme, host and port are ever logged
     * @param secret signs each message ({@code X-Wxgate-Signature}, as push webhooks are); at least 16 characters;
     *     never logged
     */
    public record Webhook(String url, String secret) {
        @Override
        public String toString() {
            return "Webhook[url=****, secret=****]";
        }
    }
}
