package dev.wxgate.bootstrap;

import dev.wxgate.adapters.delivery.DeliveryBody;
import dev.wxgate.adapters.delivery.rabbitmq.RabbitMqPushSink;
import dev.wxgate.domain.delivery.Forwarding;
import java.time.Duration;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ sink, only while some app forwards to it ({@code wxgate.apps[N].forward.rabbitmq=true}): a node whose
 * apps don't never needs or touches a broker.
 *
 * <p>The connection is built here from Spring Boot's standard {@code spring.rabbitmq.*} (host, port, username,
 * password, virtual-host, addresses, ssl, connection-timeout, ...), with Boot's own configurers, while Boot's RabbitMQ
 * auto-configuration is kept out ({@link RabbitMqAutoConfigurationFilter}): it would otherwise create a connection
 * factory, a template and a health indicator for every node, broker or not.
 *
 * <p>No health indicator: a broker that is down must not take a node out of service, since pushes wait in the outbox
 * and are delivered once it is back. The outbox's pending and dead counts (the console, the metrics) show a broker
 * that stays away.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RabbitMqDeliveryConfiguration.SomeAppForwardsToRabbitMq.class)
@EnableConfigurationProperties({RabbitProperties.class, RabbitMqDeliveryConfiguration.Settings.class})
class RabbitMqDeliveryConfiguration {

    /** The amqp client waits 60 s for a connection by default: too long for one attempt of a worker. */
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    CachingConnectionFactory wxgateRabbitConnectionFactory(RabbitProperties properties, ResourceLoader resourceLoader)
            throws Exception {
        RabbitConnectionFactoryBean client = new RabbitConnectionFactoryBean();
        new RabbitConnectionFactoryBeanConfigurer(resourceLoader, properties).configure(client);
        if (properties.getConnectionTimeout() == null) {
            client.setConnectionTimeout((int) DEFAULT_CONNECTION_TIMEOUT.toMillis());
        }
        client.afterPropertiesSet();
        CachingConnectionFactory connections = new CachingConnectionFactory(client.getObject());
        new CachingConnectionFactoryConfigurer(properties).configure(connections);
        return connections;
    }

    @Bean
    RabbitMqPushSink rabbitMqPushSink(
            CachingConnectionFactory wxgateRabbitConnectionFactory,
            Settings settings,
            Forwarding forwarding,
            ObjectProvider<DeliveryBody> body) {
        // The same body as the other sinks when one is shared; it only depends on the push, so a plain one is equal.
        return new RabbitMqPushSink(
                wxgateRabbitConnectionFactory,
                settings.exchange(),
                forwarding,
                body.getIfAvailable(() -> new DeliveryBody(JsonMapper.builder().build())));
    }

    /**
     * Where the RabbitMQ sink publishes ({@code wxgate.delivery.rabbitmq.*}); the connection itself is
     * {@code spring.rabbitmq.*}.
     *
     * @param exchange the durable topic exchange pushes are published to, routed by {@code <appId>.<MsgType>[.<Event>]};
     *     declared if absent
     */
    @ConfigurationProperties("wxgate.delivery.rabbitmq")
    record Settings(@DefaultValue("wxgate.pushes") String exchange) {
        Settings {
            if (exchange == null || exchange.isBlank()) {
                throw new IllegalArgumentException("wxgate.delivery.rabbitmq.exchange must not be blank");
            }
            if (exchange.length() > 255 || exchange.startsWith("amq.")) {
                throw new IllegalArgumentException("wxgate.delivery.rabbitmq.exchange must be at most 255 characters"
                        + " and not start with amq. (RabbitMQ reserves those names)");
            }
        }
    }

    /** Whether any {@code wxgate.apps[N].forward.rabbitmq} is true. */
    static final class SomeAppForwardsToRabbitMq implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            // App by app, each as flat text: binding the list to a type reading only "forward" would refuse the
            // rest of each app's properties as unbound.
            Binder binder = Binder.get(context.getEnvironment());
            for (int index = 0; ; index++) {
                BindResult<Map<String, String>> app =
                        binder.bind("wxgate.apps[" + index + "]", Bindable.mapOf(String.class, String.class));
                if (!app.isBound()) {
                    return false;
                }
                if (Boolean.parseBoolean(app.get().get("forward.rabbitmq"))) {
                    return true;
                }
            }
        }
    }
}
