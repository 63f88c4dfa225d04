package dev.wxgate.bootstrap;

import dev.wxgate.adapters.web.callback.CallbackWebSettings;
import dev.wxgate.adapters.wechat.WechatCallbackWire;
import dev.wxgate.application.callback.CallbackPolicy;
import dev.wxgate.application.callback.EchoTextReply;
import dev.wxgate.application.callback.ReceiveCallback;
import dev.wxgate.application.callback.VerifyCallbackUrl;
import dev.wxgate.application.delivery.TakePush;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.MessageHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WeChat's callbacks: the wire (formats and crypto), the callback log, the handlers
 * (every {@link MessageHandler} bean, plus the text echo when {@code wxgate.callbacks.echo-text=true}), the bounded
 * background executor, and the use cases, created here with {@code new}; a push of an app that forwards its pushes is
 * stored first ({@link TakePush}, from {@link DeliveryConfiguration}). The duplicate store and the callback log come from
 * the store's configuration (memory or Redis, per {@code wxgate.store}).
 */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

    /** WeChat's wire formats and message encryption; its random bytes prefix each sealed reply. */
    @Bean
    CallbackWire callbackWire() {
        return new WechatCallbackWire(new SecureRandom());
    }

    @Bean
    CallbackWebSettings callbackWebSettings(WxgateProperties properties) {
        return new CallbackWebSettings(properties.callbacks().maxBody().toBytes());
    }

    /** Bounded in threads and queue: when full, work is refused (and recorded as dropped), never queued forever. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor callbackBackground(WxgateProperties properties) {
        WxgateProperties.Callbacks callbacks = properties.callbacks();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "wxgate-callback-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(
                callbacks.backgroundThreads(),
                callbacks.backgroundThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(callbacks.backgroundQueue()),
                threads,
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    CallbackPolicy callbackPolicy(WxgateProperties properties) {
        WxgateProperties.Callbacks callbacks = properties.callbacks();
        return new CallbackPolicy(callbacks.timestampWindow(), callbacks.deliveryMemory());
    }

    @Bean
    VerifyCallbackUrl verifyCallbackUrl(
            WechatApps apps, CallbackDeduplication deduplication, CallbackPolicy callbackPolicy, Clock clock) {
        return new VerifyCallbackUrl(apps, deduplication, callbackPolicy, clock);
    }

    @Bean
    ReceiveCallback receiveCallback(
            WxgateProperties properties,
            WechatApps apps,
            CallbackWire wire,
            CallbackDeduplication deduplication,
            CallbackLog callbackLog,
            ObjectProvider<MessageHandler> handlers,
            ThreadPoolExecutor callbackBackground,
            CallbackPolicy callbackPolicy,
            TakePush takePush,
            Clock clock,
            MeterRegistry registry) {
        WxgateProperties.Callbacks callbacks = properties.callbacks();
        List<MessageHandler> all = new ArrayList<>(handlers.orderedStream().toList());
        if (callbacks.echoText()) {
            all.add(new EchoTextReply("echo: "));
        }
        return new ReceiveCallback(
                apps,
                wire,
                deduplication,
                new CallbackMetrics(callbackLog, apps, registry),
                all,
                callbackBackground,
                Optional.of(takePush),
                callbackPolicy,
                clock);
    }
}
