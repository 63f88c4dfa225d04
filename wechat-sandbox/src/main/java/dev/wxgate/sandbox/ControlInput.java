package dev.wxgate.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Edge helper: a control API JSON body, read field by field; every rejection names the field. */
final class ControlInput {
    private final JsonNode node;

    private ControlInput(JsonNode node) {
        this.node = node;
    }

    /**
     * Reads the body: none at all is an empty object unless {@code required}; anything else must be a JSON object
     * holding only the given fields, so a misspelt field fails loudly instead of being ignored.
     */
    static ControlInput read(HttpServletRequest request, boolean required, Set<String> allowed) throws IOException {
        byte[] body = SandboxJson.rawBody(request);
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            if (required) {
                // Spring's FormContentFilter reads a form-typed PUT or PATCH body as form fields, so it arrives empty
                // here.
                throw SandboxInputException.invalid(
                        "a JSON body is required (send it with Content-Type:" + " application/json)");
            }
            return new ControlInput(null);
        }
        JsonNode node = SandboxJson.readObject(body)
                .orElseThrow(() -> SandboxInputException.invalid("the body must be a JSON object"));
        List<String> unknown = new ArrayList<>();
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw SandboxInputException.invalid("unknown field(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
        }
        return new ControlInput(node);
    }

    Optional<String> string(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw SandboxInputException.invalid(field + " must be a string");
        }
        return Optional.of(value.stringValue());
    }

    /** A string, or a whole number given as its digits (e.g. a timestamp or nonce, which WeChat sends as text). */
    Optional<String> text(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        if (!value.isString()) {
            throw SandboxInputException.invalid(field + " must be a string or a whole number");
        }
        return Optional.of(value.stringValue());
    }

    /** A JSON object as a map in field order. */
    Optional<Map<String, Object>> object(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw SandboxInputException.invalid(field + " must be a JSON object");
        }
        return Optional.of(SandboxJson.toMap(value));
    }

    Optional<Long> integer(String field, long min, long max) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw SandboxInputException.invalid(field + " must be a whole number");
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw SandboxInputException.invalid(field + " must be between " + min + " and " + max);
        }
        return Optional.of(number);
    }

    Optional<Double> number(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw SandboxInputException.invalid(field + " must be a number");
        }
        return Optional.of(value.doubleValue());
    }

    /** A list of non-blank strings, at most {@code max} of them. */
    Optional<java.util.List<String>> strings(String field, int max) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        java.util.List<String> items = new java.util.ArrayList<>();
        if (value.isArray() && value.size() <= max) {
            for (JsonNode item : value) {
                if (!item.isString()
                        || item.stringValue().isBlank()
                        || item.stringValue().length() > 64) {
                    break;
                }
                items.add(item.stringValue());
            }
        }
        if (!value.isArray() || items.size() != value.size()) {
            throw SandboxInputException.invalid(field + " must be a list of at most " + max + " addresses");
        }
        return Optional.of(items);
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw SandboxInputException.invalid(field + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    private JsonNode value(String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
