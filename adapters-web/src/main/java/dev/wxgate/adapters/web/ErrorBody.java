package dev.wxgate.adapters.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * The one shape of every JSON error wxgate answers: a stable machine code and a short human message that never
 * carries a secret, a parser's words or a stack trace.
 */
public record ErrorBody(String error, String message) {

    /** Writes this error where no message converter is at hand (filters, security entry points). */
    public void writeTo(jakarta.servlet.http.HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + escape(error) + "\",\"message\":\"" + escape(message) + "\"}");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
