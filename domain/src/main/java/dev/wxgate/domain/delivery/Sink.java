package dev.wxgate.domain.delivery;

/** Where a stored push is delivered: the app's webhook, or RabbitMQ. Each sink of a push is delivered on its own. */
public enum Sink {
    WEBHOOK,
    RABBITMQ
}
