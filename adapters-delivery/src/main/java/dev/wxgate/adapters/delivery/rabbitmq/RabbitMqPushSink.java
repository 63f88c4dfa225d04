package dev.wxgate.adapters.delivery.rabbitmq;

import dev.wxgate.adapters.delivery.DeliveryBody;
import dev.wxgate.domain.delivery.ForwardSettings;
import dev.wxgate.domain.delivery.Forwarding;
import dev.wxgate.domain.delivery.PushSink;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Adapter: delivers stored pushes to a durable RabbitMQ topic exchange with Spring AMQP, routed by
 * {@code <appId>.<MsgType>[.<Event>]}, and counts an attempt as delivered only on the broker's publisher confirm.
 *
 * <p>Publishing is mandatory: a push that no queue is bound for comes back from the broker and the attempt fails
 * ("unroutable"), so it stays in the outbox and is retried (then dead, and replayable) rather than silently dropped by
 * the broker. An exchange with an alternate exchange routes such pushes there instead, and they count as delivered.
 *
 * <p>The exchange is declared (idempotently) before the first publish on every new connection, so a broker that was
 * restarted, or an exchange that was deleted, is set up again; the caching connection factory reconnects by itself on
 * the next attempt after the broker comes back.
 */
public final class RabbitMqPushSink implements PushSink {
    static final String APP_ID_HEADER = "x-wxgate-app-id";
    static final String DELIVERY_ID_HEADER = "x-wxgate-delivery-id";
    static final String ATTEMPT_HEADER = "x-wxgate-attempt";
    static final String MSG_TYPE_HEADER = "x-wxgate-msg-type";
    static final String EVENT_HEADER = "x-wxgate-event";

    private static final Logger log = LoggerFactory.getLogger(RabbitMqPushSink.class);

    private final RabbitTemplate template;
    private final RabbitAdmin admin;
    private final String exchange;
    private final Forwarding forwarding;
    private final DeliveryBody body;
    /** False until the exchange is declared on the current connection; a new connection or a failure resets it. */
    private volatile boolean exchangeDeclared;

    /**
     * @param connections the broker; publisher confirms (correlated) and returns are turned on here, so it must not
     *     have opened a connection yet
     * @param exchange the topic exchange pushes are published to (declared durable if absent)
     */
    public RabbitMqPushSink(
            CachingConnectionFactory connections, String exchange, Forwarding forwarding, DeliveryBody body) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        if (exchange.isBlank()) {
            throw new IllegalArgumentException("the RabbitMQ exchange name must not be blank");
        }
        this.forwarding = Objects.requireNonNull(forwarding, "forwarding");
        this.body = Objects.requireNonNull(body, "body");
        connections.setPublisherConfirmType(ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        connections.addConnectionListener(connection -> exchangeDeclared = false);
        this.template = new RabbitTemplate(connections);
        template.setMandatory(true);
        // Returns are read from each attempt's CorrelationData; this callback only makes them traceable.
        template.setReturnsCallback(returned -> log.debug(
                "RabbitMQ returned a push: {} {} on {} for {}",
                returned.getReplyCode(),
                returned.getReplyText(),
                returned.getExchange(),
                returned.getRoutingKey()));
        this.admin = new RabbitAdmin(template);
    }

    @Override
    public Sink sink() {
        return Sink.RABBITMQ;
    }

    @Override
    public boolean takes(StoredPush push) {
        return forwarding.of(push.appId()).map(ForwardSettings::rabbitmq).orElse(false);
    }

    @Override
    public Outcome deliver(StoredPush push, int attempt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Outcome outcome = attempt(push, attempt, deadline, timeout);
        if (outcome instanceof Outcome.Failed) {
            // Whatever went wrong (a deleted exchange closes the channel with a nack), declare again next time.
            exchangeDeclared = false;
        }
        return outcome;
    }

    private Outcome attempt(StoredPush push, int attempt, long deadline, Duration timeout) {
        String routingKey = push.routingKey();
        try {
            declareExchange();
            CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
            template.send(exchange, routingKey, message(push, attempt), correlation);
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            ReturnedMessage returned = correlation.getReturned();
            if (returned != null) {
                return new Outcome.Failed("unroutable: no queue bound to " + exchange + " for " + routingKey + " ("
                        + returned.getReplyCode() + " " + returned.getReplyText() + ")");
            }
            if (!confirm.ack()) {
                return new Outcome.Failed("broker nack"
                        + Optional.ofNullable(confirm.reason())
                                .map(why -> ": " + why)
                                .orElse(""));
            }
            return new Outcome.Delivered(Optional.empty());
        } catch (TimeoutException late) {
            // Forget confirms this old, ours included, so a broker that never answers does not pile them up.
            template.getUnconfirmed(timeout.toMillis());
            return new Outcome.Failed("no publisher confirm within " + timeout.toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted while waiting for the publisher confirm");
        } catch (ExecutionException impossible) {
            // The confirm future is only ever completed normally (an ack, or a nack with a reason).
            return new Outcome.Failed("publisher confirm failed: " + rootMessage(impossible));
        } catch (AmqpAuthenticationException refused) {
            return new Outcome.Failed("broker refused the login (check the RabbitMQ username and password)");
        } catch (AmqpConnectException unreachable) {
            return new Outcome.Failed("broker unreachable: " + rootMessage(unreachable));
        } catch (AmqpException broker) {
            return new Outcome.Failed("broker error: " + rootMessage(broker));
        }
    }

    private void declareExchange() {
        if (exchangeDeclared) {
            return;
        }
        try {
            admin.declareExchange(new TopicExchange(exchange, true, false));
        } catch (AmqpConnectException | AmqpAuthenticationException connection) {
            throw connection;
        } catch (AmqpException refused) {
            // Typically an existing exchange of another type or durability (406 PRECONDITION_FAILED).
            throw new AmqpException("exchange " + exchange + " could not be declared: " + rootMessage(refused));
        }
        exchangeDeclared = true;
        log.debug("RabbitMQ exchange {} declared (topic, durable)", exchange);
    }

    private Message message(StoredPush push, int attempt) {
        MessageBuilderSupport<Message> message = MessageBuilder.withBody(body.of(push))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("utf-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setMessageId(push.id().value())
                // When WeChat's push was taken, so every attempt of one push carries the same properties.
                .setTimestamp(Date.from(push.receivedAt()))
                .setHeader(APP_ID_HEADER, push.appId().value())
                .setHeader(DELIVERY_ID_HEADER, push.id().value())
                .setHeader(ATTEMPT_HEADER, attempt)
                .setHeader(MSG_TYPE_HEADER, push.msgType());
        push.event().ifPresent(event -> message.setHeader(EVENT_HEADER, event));
        return message.build();
    }

    /** The innermost cause's message: what the client library says (never a password: it does not print one). */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
