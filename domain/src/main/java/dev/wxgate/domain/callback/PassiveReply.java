package dev.wxgate.domain.callback;

import static dev.wxgate.domain.callback.ReplyText.optional;
import static dev.wxgate.domain.callback.ReplyText.required;

import dev.wxgate.domain.Require;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reply in the answer to a callback (WeChat's "passive reply", 被动回复用户消息), one record per kind WeChat accepts.
 * Each kind knows its own fields in WeChat's order; the envelope (ToUserName, FromUserName, CreateTime, MsgType) is
 * added when it is addressed to the message it answers. The shapes, after the envelope, as WeChat documents them (and
 * WxJava's {@code WxMpXmlOut*Message} writes them):
 *
 * <pre>
 * text      &lt;Content/&gt;
 * image     &lt;Image&gt;&lt;MediaId/&gt;&lt;/Image&gt;
 * voice     &lt;Voice&gt;&lt;MediaId/&gt;&lt;/Voice&gt;
 * video     &lt;Video&gt;&lt;MediaId/&gt;&lt;Title/&gt;&lt;Description/&gt;&lt;/Video&gt;
 * music     &lt;Music&gt;&lt;Title/&gt;&lt;Description/&gt;&lt;MusicUrl/&gt;&lt;HQMusicUrl/&gt;&lt;ThumbMediaId/&gt;&lt;/Music&gt;
 * news      &lt;ArticleCount&gt;2&lt;/ArticleCount&gt;&lt;Articles&gt;&lt;item&gt;&lt;Title/&gt;&lt;Description/&gt;&lt;PicUrl/&gt;&lt;Url/&gt;&lt;/item&gt;...&lt;/Articles&gt;
 * transfer_customer_service   (nothing, or) &lt;TransInfo&gt;&lt;KfAccount/&gt;&lt;/TransInfo&gt;
 * </pre>
 *
 * Optional fields that are absent are left out, not written empty.
 */
public sealed interface PassiveReply {

    /** WeChat's MsgType of this kind. */
    String msgType();

    /**
     * The kind's own fields, after MsgType, in WeChat's order. Values are {@code String}, {@code Long}, a nested
     * {@code Map} of the same, or a {@code List} of such maps (an item list, written as repeated {@code item}).
     */
    Map<String, Object> fields();

    /** The reply's fields in WeChat's order, addressed back to the sender of {@code message}. */
    default Map<String, Object> addressedTo(InboundMessage message, Instant now) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ToUserName", message.fromUserName());
        all.put("FromUserName", message.toUserName());
        all.put("CreateTime", now.getEpochSecond());
        all.put("MsgType", msgType());
        all.putAll(fields());
        return Collections.unmodifiableMap(all);
    }

    /** A text message back to the sender. */
    static PassiveReply text(String content) {
        return new Text(content);
    }

    /** {@code <Content>}: the text shown. */
    record Text(String content) implements PassiveReply {
        public Text {
            required(content, "content", ReplyText.CONTENT);
        }

        @Override
        public String msgType() {
            return "text";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("Content", content);
        }
    }

    /** {@code <Image><MediaId>}: an image uploaded to WeChat's media store. */
    record Image(String mediaId) implements PassiveReply {
        public Image {
            required(mediaId, "mediaId", ReplyText.MEDIA_ID);
        }

        @Override
        public String msgType() {
            return "image";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("Image", Map.of("MediaId", mediaId));
        }
    }

    /** {@code <Voice><MediaId>}: a voice clip uploaded to WeChat's media store. */
    record Voice(String mediaId) implements PassiveReply {
        public Voice {
            required(mediaId, "mediaId", ReplyText.MEDIA_ID);
        }

        @Override
        public String msgType() {
            return "voice";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("Voice", Map.of("MediaId", mediaId));
        }
    }

    /** {@code <Video><MediaId/><Title/><Description/>}: a video uploaded to WeChat's media store. */
    record Video(String mediaId, Optional<String> title, Optional<String> description) implements PassiveReply {
        public Video {
            required(mediaId, "mediaId", ReplyText.MEDIA_ID);
            title = optional(title, "title", ReplyText.TITLE);
            description = optional(description, "description", ReplyText.DESCRIPTION);
        }

        @Override
        public String msgType() {
            return "video";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> video = new LinkedHashMap<>();
            video.put("MediaId", mediaId);
            title.ifPresent(value -> video.put("Title", value));
            description.ifPresent(value -> video.put("Description", value));
            return Map.of("Video", Collections.unmodifiableMap(video));
        }
    }

    /**
     * {@code <Music>}: a track by URL (the HQ one preferred on Wi-Fi) with a thumbnail, the only field WeChat
     * requires.
     */
    record Music(
            Optional<String> title,
            Optional<String> description,
            Optional<String> musicUrl,
            Optional<String> hqMusicUrl,
            String thumbMediaId)
            implements PassiveReply {
        public Music {
            title = optional(title, "title", ReplyText.TITLE);
            description = optional(description, "description", ReplyText.DESCRIPTION);
            musicUrl = optional(musicUrl, "musicUrl", ReplyText.URL);
            hqMusicUrl = optional(hqMusicUrl, "hqMusicUrl", ReplyText.URL);
            required(thumbMediaId, "thumbMediaId", ReplyText.MEDIA_ID);
        }

        @Override
        public String msgType() {
            return "music";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> music = new LinkedHashMap<>();
            title.ifPresent(value -> music.put("Title", value));
            description.ifPresent(value -> music.put("Description", value));
            musicUrl.ifPresent(value -> music.put("MusicUrl", value));
            hqMusicUrl.ifPresent(value -> music.put("HQMusicUrl", value));
            music.put("ThumbMediaId", thumbMediaId);
            return Map.of("Music", Collections.unmodifiableMap(music));
        }
    }

    /**
     * {@code <ArticleCount/><Articles><item/>...}: 1 to {@value #MAX_ARTICLES} articles, the first shown large. WeChat
     * shows only the first when the user sent a text, image, voice, video, news or location message; 8 is its limit
     * everywhere else (older SDKs still say 10).
     */
    record News(List<Article> articles) implements PassiveReply {
        public static final int MAX_ARTICLES = 8;

        public News {
            articles = List.copyOf(Require.present(articles, "articles"));
            if (articles.isEmpty() || articles.size() > MAX_ARTICLES) {
                throw new IllegalArgumentException("articles must hold 1 to " + MAX_ARTICLES + " articles");
            }
        }

        @Override
        public String msgType() {
            return "news";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> news = new LinkedHashMap<>();
            news.put("ArticleCount", (long) articles.size());
            news.put("Articles", articles.stream().map(Article::fields).toList());
            return Collections.unmodifiableMap(news);
        }
    }

    /** One article of a news reply: a title, and optionally a description, a picture and the link it opens. */
    record Article(String title, Optional<String> description, Optional<String> picUrl, Optional<String> url) {
        public Article {
            required(title, "title", ReplyText.TITLE);
            description = optional(description, "description", ReplyText.DESCRIPTION);
            picUrl = optional(picUrl, "picUrl", ReplyText.URL);
            url = optional(url, "url", ReplyText.URL);
        }

        Map<String, Object> fields() {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Title", title);
            description.ifPresent(value -> item.put("Description", value));
            picUrl.ifPresent(value -> item.put("PicUrl", value));
            url.ifPresent(value -> item.put("Url", value));
            return Collections.unmodifiableMap(item);
        }
    }

    /**
     * Hands the conversation to WeChat's customer service: to any agent online, or to the one {@code kfAccount} names
     * ({@code <TransInfo><KfAccount>}, e.g. {@code agent1@gh_account}).
     */
    record TransferCustomerService(Optional<String> kfAccount) implements PassiveReply {
        public TransferCustomerService {
            kfAccount = optional(kfAccount, "kfAccount", ReplyText.ACCOUNT);
        }

        @Override
        public String msgType() {
            return "transfer_customer_service";
        }

        @Override
        public Map<String, Object> fields() {
            return kfAccount
                    .<Map<String, Object>>map(account -> Map.of("TransInfo", Map.of("KfAccount", account)))
                    .orElse(Map.of());
        }
    }
}
