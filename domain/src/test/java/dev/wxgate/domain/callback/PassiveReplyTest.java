package dev.wxgate.domain.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every kind of passive reply: its fields in WeChat's order, nested as WeChat nests them, and what each refuses. */
class PassiveReplyTest {
    private static final Instant NOW = Instant.ofEpochSecond(1714112445L);

    @Test
    void aReplyIsAddressedBackToTheSenderBeforeItsOwnFields() {
        Map<String, Object> fields = PassiveReply.text("hi").addressedTo(message(), NOW);

        assertThat(fields)
                .containsExactly(
                        Map.entry("ToUserName", "oSender"),
                        Map.entry("FromUserName", "gh_1"),
                        Map.entry("CreateTime", 1714112445L),
                        Map.entry("MsgType", "text"),
                        Map.entry("Content", "hi"));
    }

    @Test
    void mediaKindsNestTheirMediaIdUnderTheirOwnElement() {
        assertThat(new PassiveReply.Image("m1").fields()).isEqualTo(Map.of("Image", Map.of("MediaId", "m1")));
        assertThat(new PassiveReply.Voice("m2").fields()).isEqualTo(Map.of("Voice", Map.of("MediaId", "m2")));
        assertThat(new PassiveReply.Video("m3", Optional.of("t"), Optional.of("d")).fields())
                .isEqualTo(Map.of("Video", Map.of("MediaId", "m3", "Title", "t", "Description", "d")));
        assertThat(((Map<?, ?>) new PassiveReply.Video("m3", Optional.empty(), Optional.of("d"))
                                .fields()
                                .get("Video"))
                        .keySet().stream().map(String::valueOf))
                .containsExactly("MediaId", "Description");
    }

    @Test
    void musicKeepsWeChatsOrderAndLeavesAbsentFieldsOut() {
        PassiveReply music = new PassiveReply.Music(
                Optional.of("t"), Optional.empty(), Optional.of("http://m"), Optional.of("http://hq"), "thumb");

        Map<?, ?> inner = (Map<?, ?>) music.fields().get("Music");

        assertThat(music.msgType()).isEqualTo("music");
        assertThat(inner.keySet().stream().map(String::valueOf))
                .containsExactly("Title", "MusicUrl", "HQMusicUrl", "ThumbMediaId");
    }

    @Test
    void newsCountsItsArticlesAndListsThemAsItems() {
        PassiveReply news = new PassiveReply.News(List.of(
                new PassiveReply.Article("a", Optional.of("d"), Optional.of("http://p"), Optional.of("http://u")),
                new PassiveReply.Article("b", Optional.empty(), Optional.empty(), Optional.empty())));

        assertThat(news.fields())
                .containsExactly(
                        Map.entry("ArticleCount", 2L),
                        Map.entry(
                                "Articles",
                                List.of(
                                        Map.of(
                                                "Title",
                                                "a",
                                                "Description",
                                                "d",
                                                "PicUrl",
                                                "http://p",
                                                "Url",
                                                "http://u"),
                                        Map.of("Title", "b"))));
        List<?> items = (List<?>) news.fields().get("Articles");
        assertThat(((Map<?, ?>) items.getFirst()).keySet().stream().map(String::valueOf))
                .containsExactly("Title", "Description", "PicUrl", "Url");
    }

    @Test
    void aTransferNamesItsAgentOnlyWhenGivenOne() {
        assertThat(new PassiveReply.TransferCustomerService(Optional.empty()).fields())
                .isEmpty();
        assertThat(new PassiveReply.TransferCustomerService(Optional.of("kf1@gh_1")).fields())
                .isEqualTo(Map.of("TransInfo", Map.of("KfAccount", "kf1@gh_1")));
        assertThat(new PassiveReply.TransferCustomerService(Optional.empty()).msgType())
                .isEqualTo("transfer_customer_service");
    }

    @Test
    void anEmptyOptionalTextCountsAsAbsent() {
        assertThat(new PassiveReply.Video("m", Optional.of(""), Optional.empty()).title())
                .isEmpty();
    }

    @Test
    void eachKindRefusesWhatWeChatCouldNotShowNamingTheField() {
        assertRefused(() -> PassiveReply.text(" "), "content is required");
        assertRefused(() -> PassiveReply.text("x".repeat(8193)), "content must be at most 8192 characters");
        assertRefused(() -> PassiveReply.text("a\u0000b"), "content must not hold control characters");
        assertRefused(() -> new PassiveReply.Image(null), "mediaId is required");
        assertRefused(() -> new PassiveReply.Voice("x".repeat(257)), "mediaId must be at most 256 characters");
        assertRefused(() -> new PassiveReply.Video("m", null, Optional.empty()), "title must be given");
        assertRefused(
                () -> new PassiveReply.Music(
                        Optional.empty(), Optional.empty(), Optional.of("u\u0001"), Optional.empty(), "t"),
                "musicUrl must not hold control characters");
        assertRefused(
                () -> new PassiveReply.Music(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), ""),
                "thumbMediaId is required");
        assertRefused(() -> new PassiveReply.News(List.of()), "articles must hold 1 to 8 articles");
        PassiveReply.Article one = new PassiveReply.Article("t", Optional.empty(), Optional.empty(), Optional.empty());
        assertRefused(() -> new PassiveReply.News(Collections.nCopies(9, one)), "articles must hold 1 to 8 articles");
        assertRefused(
                () -> new PassiveReply.Article(null, Optional.empty(), Optional.empty(), Optional.empty()),
                "title is required");
        assertRefused(
                () -> new PassiveReply.TransferCustomerService(Optional.of("k".repeat(129))),
                "kfAccount must be at most 128 characters");
        assertThat(new PassiveReply.News(Collections.nCopies(8, one)).fields()).containsEntry("ArticleCount", 8L);
    }

    private static void assertRefused(Runnable build, String message) {
        assertThatThrownBy(build::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    private static InboundMessage message() {
        return new InboundMessage(
                AppId.of("wx134c8103faa5a59e"),
                "gh_1",
                "oSender",
                1L,
                "text",
                Optional.empty(),
                Optional.of("1"),
                Map.of(),
                MessageFormat.XML,
                SecurityMode.PLAINTEXT,
                "<xml/>");
    }
}
