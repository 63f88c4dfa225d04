package dev.wxgate.adapters.delivery.webhook;

import dev.wxgate.domain.callback.PassiveReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a webhook receiver's answer into the passive reply WeChat is to show. The receiver answers JSON with a
 * {@code reply} object whose {@code type} is WeChat's MsgType and whose other members are the kind's fields in
 * camelCase:
 *
 * <pre>
 * {"reply":{"type":"text","content":"hi"}}
 * {"reply":{"type":"image","mediaId":"..."}}            voice: the same with "voice"
 * {"reply":{"type":"video","mediaId":"...","title":"...","description":"..."}}
 * {"reply":{"type":"music","title":"...","description":"...","musicUrl":"...","hqMusicUrl":"...","thumbMediaId":"..."}}
 * {"reply":{"type":"news","articles":[{"title":"...","description":"...","picUrl":"...","url":"..."}]}}
 * {"reply":{"type":"transfer_customer_service","kfAccount":"agent1@gh_account"}}
 * </pre>
 *
 * Required: {@code content}, {@code mediaId}, {@code thumbMediaId}, {@code articles} (1 to 8) and each article's
 * {@code title}; the rest may be left out or null. An empty body, {@code success}, or a JSON object without
 * {@code reply} (or with {@code "reply": null}) means no reply. Anything else is refused whole: a member a kind does
 * not take is refused too, so a misspelt field is found at once instead of silently dropped.
 */
public final class WebhookReplies {
    /** 8 articles at their longest fields fit in well under this; past it the answer is not a reply. */
    static final int MAX_BYTES = 256 * 1024;

    private static final int MAX_DEPTH = 8;
    private static final Map<String, Set<String>> MEMBERS = Map.of(
            "text", Set.of("type", "content"),
            "image", Set.of("type", "mediaId"),
            "voice", Set.of("type", "mediaId"),
            "video", Set.of("type", "mediaId", "title", "description"),
            "music", Set.of("type", "title", "description", "musicUrl", "hqMusicUrl", "thumbMediaId"),
            "news", Set.of("type", "articles"),
            "transfer_customer_service", Set.of("type", "kfAccount"));
    private static final Set<String> ARTICLE = Set.of("title", "description", "picUrl", "url");
    private static final String KINDS = "text, image, voice, video, music, news, transfer_customer_service";

    private final JsonMapper json;

    /** @param json the application's mapper; its parser is rebuilt here with this reader's bounds */
    public WebhookReplies(JsonMapper json) {
        this.json = JsonMapper.builder(json.tokenStreamFactory()
                        .rebuild()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(MAX_BYTES)
                                .maxNumberLength(32)
                                .maxNameLength(64)
                                .build())
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * The reply in a receiver's answer, or empty when it gives none.
     *
     * @throws MalformedReplyException when the answer is neither "no reply" nor a reply WeChat accepts
     */
    public Optional<PassiveReply> read(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        if (body.length > MAX_BYTES) {
            throw new MalformedReplyException("the answer is larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.equals("success")) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException | StackOverflowError notJson) {
            throw new MalformedReplyException("the answer is not JSON (or nests deeper than " + MAX_DEPTH + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReplyException("the answer is not a JSON object");
        }
        JsonNode reply = root.get("reply");
        if (reply == null || reply.isNull()) {
            return Optional.empty();
        }
        if (!reply.isObject()) {
            throw new MalformedReplyException("reply must be an object");
        }
        try {
            return Optional.of(kind(reply));
        } catch (IllegalArgumentException invalid) {
            // The domain's messages name the field and its bound, never its value.
            throw new MalformedReplyException("reply." + invalid.getMessage());
        }
    }

    private static PassiveReply kind(JsonNode reply) {
        JsonNode type = reply.get("type");
        if (type == null || !type.isString()) {
            throw new MalformedReplyException("reply.type must be a string, one of " + KINDS);
        }
        Set<String> members = MEMBERS.get(type.asString());
        if (members == null) {
            throw new MalformedReplyException("reply.type must be one of " + KINDS);
        }
        onlyMembers(reply, members, "reply", "a reply of type " + type.asString());
        return switch (type.asString()) {
            case "text" -> new PassiveReply.Text(required(reply, "content", "reply"));
            case "image" -> new PassiveReply.Image(required(reply, "mediaId", "reply"));
            case "voice" -> new PassiveReply.Voice(required(reply, "mediaId", "reply"));
            case "video" ->
                new PassiveReply.Video(
                        required(reply, "mediaId", "reply"),
                        optional(reply, "title", "reply"),
                        optional(reply, "description", "reply"));
            case "music" ->
                new PassiveReply.Music(
                        optional(reply, "title", "reply"),
                        optional(reply, "description", "reply"),
                        optional(reply, "musicUrl", "reply"),
                        optional(reply, "hqMusicUrl", "reply"),
                        required(reply, "thumbMediaId", "reply"));
            case "news" -> new PassiveReply.News(articles(reply.get("articles")));
            default -> new PassiveReply.TransferCustomerService(optional(reply, "kfAccount", "reply"));
        };
    }

    private static List<PassiveReply.Article> articles(JsonNode articles) {
        if (articles == null || articles.isNull()) {
            throw new MalformedReplyException("reply.articles is required");
        }
        if (!articles.isArray()) {
            throw new MalformedReplyException("reply.articles must be an array");
        }
        if (articles.isEmpty() || articles.size() > PassiveReply.News.MAX_ARTICLES) {
            throw new MalformedReplyException(
                    "reply.articles must hold 1 to " + PassiveReply.News.MAX_ARTICLES + " articles");
        }
        List<PassiveReply.Article> read = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            String where = "reply.articles[" + i + "]";
            JsonNode article = articles.get(i);
            if (!article.isObject()) {
                throw new MalformedReplyException(where + " must be an object");
            }
            onlyMembers(article, ARTICLE, where, "an article");
            try {
                read.add(new PassiveReply.Article(
                        required(article, "title", where),
                        optional(article, "description", where),
                        optional(article, "picUrl", where),
                        optional(article, "url", where)));
            } catch (IllegalArgumentException invalid) {
                throw new MalformedReplyException(where + "." + invalid.getMessage());
            }
        }
        return read;
    }

    private static void onlyMembers(JsonNode object, Set<String> allowed, String where, String what) {
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new MalformedReplyException(
                        where + " has a member that " + what + " does not take (it takes " + sorted(allowed) + ")");
            }
        }
    }

    private static String required(JsonNode object, String name, String where) {
        return optional(object, name, where)
                .orElseThrow(() -> new MalformedReplyException(where + "." + name + " is required"));
    }

    private static Optional<String> optional(JsonNode object, String name, String where) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new MalformedReplyException(where + "." + name + " must be a string");
        }
        return Optional.of(value.asString());
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
