package dev.wxgate.errors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} will not send: malformed request lines and headers,
 * oversized URIs, TRACE, chunked bodies of a chosen size. One request per connection ({@code Connection: close}).
 */
final class RawHttp {
    private RawHttp() {}

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request: its head as written (without the final blank line), and a body sent as is or chunked. */
    record Request(String head, byte[] body, boolean chunked) {
        static Request of(String head) {
            return new Request(head, new byte[0], false);
        }

        Request withBody(byte[] content) {
            return new Request(head + "\r\nContent-Length: " + content.length, content, false);
        }

        Request chunked(byte[] content) {
            return new Request(head + "\r\nTransfer-Encoding: chunked", content, true);
        }
    }

    static Response send(int port, Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((request.head() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (request.chunked()) {
                    writeChunked(out, request.body());
                } else {
                    out.write(request.body());
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer and stop reading before the whole body is sent; its answer is still there.
            }
            return read(socket.getInputStream());
        }
    }

    private static void writeChunked(OutputStream out, byte[] body) throws IOException {
        int chunk = 8 * 1024;
        for (int at = 0; at < body.length; at += chunk) {
            int length = Math.min(chunk, body.length - at);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, length);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd < 0) {
            throw new IOException("no HTTP response head in " + all.length + " bytes");
        }
        String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(all, headEnd + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
            int size = Integer.parseInt(
                    new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
