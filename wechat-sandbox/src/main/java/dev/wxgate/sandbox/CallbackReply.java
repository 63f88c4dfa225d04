package dev.wxgate.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A passive reply as WeChat would take it: its fields as a tree (every value as text, item lists such as
 * {@code Articles} as lists, so an XML and a JSON reply read the same), whether it goes back to the push's sender, and
 * what in it WeChat would refuse (then the user sees "该公众号暂时无法提供服务", the account cannot serve right now).
 *
 * @param message the reply's fields
 * @param addressedBack ToUserName is the push's FromUserName and FromUserName its ToUserName
 * @param problem null when WeChat would show it, else the first thing wrong with it
 */
record CallbackReply(Map<String, Object> message, boolean addressedBack, String problem) {

    /** WeChat's limit on a news reply (only 1 shown when answering a user's text, image, voice, video or location). */
    static final int MAX_ARTICLES = 8;

    /** @param reply the reply read as a tree (XML or JSON); @param push the message it answers */
    static CallbackReply of(Map<String, Object> reply, Map<String, Object> push) {
        Map<String, Object> message = texts(reply);
        boolean addressedBack = push != null
                && text(push.get("FromUserName")).equals(message.get("ToUserName"))
                && text(push.get("ToUserName")).equals(message.get("FromUserName"));
        return new CallbackReply(message, addressedBack, problem(message));
    }

    private static String problem(Map<String, Object> reply) {
        for (String field : List.of("ToUserName", "FromUserName", "CreateTime", "MsgType")) {
            if (!(reply.get(field) instanceof String value) || value.isBlank()) {
                return field + " is missing";
            }
        }
        if (!((String) reply.get("CreateTime")).matches("[0-9]{1,19}")) {
            return "CreateTime is not a number";
        }
        String type = (String) reply.get("MsgType");
        return switch (type) {
            case "text" -> present(reply, "Content");
            case "image", "voice", "video" -> present(reply, capitalized(type), "MediaId");
            case "music" -> present(reply, "Music", "ThumbMediaId");
            case "news" -> news(reply);
            case "transfer_customer_service" ->
                reply.containsKey("TransInfo") ? present(reply, "TransInfo", "KfAccount") : null;
            default -> "MsgType " + type + " is not a passive reply WeChat accepts";
        };
    }

    private static String news(Map<String, Object> reply) {
        if (!(reply.get("Articles") instanceof List<?> articles) || articles.isEmpty()) {
            return "Articles holds no item";
        }
        if (articles.size() > MAX_ARTICLES) {
            return "Articles holds " + articles.size() + " items, more than " + MAX_ARTICLES;
        }
        if (!String.valueOf(articles.size()).equals(reply.get("ArticleCount"))) {
            return "ArticleCount is not the number of items in Articles";
        }
        for (Object article : articles) {
            if (!(article instanceof Map<?, ?>)) {
                return "an item of Articles holds no field";
            }
        }
        return null;
    }

    /** Null when the field at {@code path} is a non-blank text, else what is wrong. */
    private static String present(Map<String, Object> reply, String... path) {
        Object value = reply;
        for (String name : path) {
            value = value instanceof Map<?, ?> map ? map.get(name) : null;
        }
        return value instanceof String text && !text.isBlank() ? null : String.join(".", path) + " is missing";
    }

    /** The tree with every scalar as its text: XML has no types, and WeChat reads both formats alike. */
    private static Map<String, Object> texts(Map<?, ?> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((name, value) -> copy.put(String.valueOf(name), textTree(value)));
        return copy;
    }

    private static Object textTree(Object value) {
        return switch (value) {
            case Map<?, ?> map -> texts(map);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>();
                list.forEach(item -> copy.add(textTree(item)));
                yield copy;
            }
            case null -> "";
            default -> String.valueOf(value);
        };
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String capitalized(String type) {
        return Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
