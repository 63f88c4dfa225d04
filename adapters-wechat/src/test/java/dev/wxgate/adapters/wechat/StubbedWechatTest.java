package dev.wxgate.adapters.wechat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the adapter tests: a fresh stub WeChat and a client pointed at it, whose retry pauses are recorded. */
abstract class StubbedWechatTest {
    protected StubWechat wechat;
    protected WechatHttp http;
    protected final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStub() throws IOException {
        wechat = StubWechat.start();
        http = client(settings());
    }

    @AfterEach
    void stopStub() {
        http.close();
        wechat.close();
    }

    protected WechatClientSettings settings() {
        return WechatClientSettings.defaults()
                .withBaseUrl(wechat.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(2, Duration.ofMillis(100));
    }

    /** A client that records its pauses instead of sleeping them (closed by the caller when not {@link #http}). */
    protected WechatHttp client(WechatClientSettings settings) {
        return new WechatHttp(settings, pauses::add);
    }
}
