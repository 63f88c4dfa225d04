package dev.wxgate.adapters.wechat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Test double: a scripted WeChat on 127.0.0.1 that records every request it receives. */
final class StubWechat implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    /** What the stub was asked. */
    record Seen(String method, String path, String rawQuery, String body) {
        Map<String, String> query() {
            Map<String, String> params = new LinkedHashMap<>();
            if (rawQuery == null) {
                return params;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return params;
        }
    }

    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, CountDownLatch released) throws Exception;
    }

    private StubWechat(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static StubWechat start() throws IOException {
        return new StubWechat(0);
    }

    static StubWechat startOn(int port) throws IOException {
        return new StubWechat(port);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Replies to calls on {@code path} in turn; the last reply repeats. */
    StubWechat on(String path, Reply... replies) {
        scripts.put(path, List.of(replies));
        return this;
    }

    StubWechat onJson(String path, String body) {
        return on(path, json(body));
    }

    List<Seen> calls(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    List<Seen> calls() {
        return List.copyOf(seen);
    }

    static Reply json(String body) {
        return status(200, body);
    }

    static Reply status(int status, String body) {
        return (exchange, released) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            // WeChat labels some JSON answers text/plain; the client must not care.
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** Declares more bytes than it sends, then drops the connection. */
    static Reply cutShort(String body, int declaredLength) {
        return (exchange, released) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, declaredLength);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes);
            out.flush();
            exchange.close();
        };
    }

    /** Reads the request, then closes the connection without a byte of answer. */
    static Reply hangUp() {
        return (exchange, released) -> {};
    }

    /** Answers only when the stub is closed: a WeChat that never replies. */
    static Reply silent() {
        return (exchange, released) -> {
            released.await(30, TimeUnit.SECONDS);
            exchange.close();
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int index = (int) seen.stream().filter(s -> s.path().equals(path)).count();
        seen.add(new Seen(
                exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), body));
        List<Reply> replies = scripts.getOrDefault(path, List.of(status(404, "not scripted")));
        try {
            replies.get(Math.min(index, replies.size() - 1)).send(exchange, released);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
