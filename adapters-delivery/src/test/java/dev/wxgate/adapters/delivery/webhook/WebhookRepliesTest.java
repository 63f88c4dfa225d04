package dev.wxgate.adapters.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.callback.PassiveReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A receiver's answer read into each kind of reply, "no reply" in its every form, and each malformed answer refused. */
class WebhookRepliesTest {
    private final WebhookReplies replies =
            new WebhookReplies(JsonMapper.builder().build());

    @Test
    void noBodySuccessOrNoReplyMemberMeansNoReply() {
        assertThat(replies.read(new byte[0])).isEmpty();
        assertThat(replies.read(null)).isEmpty();
        assertThat(read(" \n")).isEmpty();
        assertThat(read("success")).isEmpty();
        assertThat(read("success\n")).isEmpty();
        assertThat(read("{}")).isEmpty();
        assertThat(read("{\"ok\":true}")).isEmpty();
        assertThat(read("{\"reply\":null}")).isEmpty();
    }

    @Test
    void eachKindIsRead() {
        assertThat(read("{\"reply\":{\"type\":\"text\",\"content\":\"你好 ]]>\"}}"))
                .contains(PassiveReply.text("你好 ]]>"));
        assertThat(read("{\"reply\":{\"type\":\"image\",\"mediaId\":\"m1\"}}")).contains(new PassiveReply.Image("m1"));
        assertThat(read("{\"reply\":{\"type\":\"voice\",\"mediaId\":\"m2\"}}")).contains(new PassiveReply.Voice("m2"));
        assertThat(read("{\"reply\":{\"type\":\"video\",\"mediaId\":\"m3\",\"title\":\"t\",\"description\":null}}"))
                .contains(new PassiveReply.Video("m3", Optional.of("t"), Optional.empty()));
        assertThat(
                        read(
                                "{\"reply\":{\"type\":\"music\",\"title\":\"song\",\"description\":\"by\","
                                        + "\"musicUrl\":\"http://m/a.mp3\",\"hqMusicUrl\":\"http://m/hq.mp3\",\"thumbMediaId\":\"th\"}}"))
                .contains(new PassiveReply.Music(
                        Optional.of("song"),
                        Optional.of("by"),
                        Optional.of("http://m/a.mp3"),
                        Optional.of("http://m/hq.mp3"),
                        "th"));
        assertThat(read("{\"reply\":{\"type\":\"news\",\"articles\":[{\"title\":\"a\",\"description\":\"d\","
                        + "\"picUrl\":\"http://p/1.png\",\"url\":\"http://u/1\"},{\"title\":\"b\"}]}}"))
                .contains(new PassiveReply.News(List.of(
                        new PassiveReply.Article(
                                "a", Optional.of("d"), Optional.of("http://p/1.png"), Optional.of("http://u/1")),
                        new PassiveReply.Article("b", Optional.empty(), Optional.empty(), Optional.empty()))));
        assertThat(read("{\"reply\":{\"type\":\"transfer_customer_service\"}}"))
                .contains(new PassiveReply.TransferCustomerService(Optional.empty()));
        assertThat(read("{\"reply\":{\"type\":\"transfer_customer_service\",\"kfAccount\":\"kf1@gh_1\"}}"))
                .contains(new PassiveReply.TransferCustomerService(Optional.of("kf1@gh_1")));
    }

    @Test
    void otherTopLevelMembersAreTheReceiversBusiness() {
        assertThat(read("{\"handled\":true,\"reply\":{\"type\":\"text\",\"content\":\"hi\"}}"))
                .contains(PassiveReply.text("hi"));
    }

    @Test
    void notJsonOrNotAnObjectIsMalformed() {
        assertMalformed("<xml><Content>hi</Content></xml>", "the answer is not JSON");
        assertMalformed("{\"reply\":", "the answer is not JSON");
        assertMalformed("{\"reply\":{\"type\":\"text\",\"content\":\"a\"}} trailing", "the answer is not JSON");
        assertMalformed(
                "{\"reply\":{\"type\":\"text\",\"content\":\"a\",\"content\":\"b\"}}", "the answer is not JSON");
        assertMalformed("[1]", "the answer is not a JSON object");
        assertMalformed("\"success\"", "the answer is not a JSON object");
        assertMalformed("{\"reply\":\"hi\"}", "reply must be an object");
    }

    @Test
    void tooLargeOrTooDeepIsMalformed() {
        String deep = "{\"reply\":{\"type\":\"text\",\"content\":\"a\",\"x\":" + "[".repeat(50) + "]".repeat(50) + "}}";
        assertMalformed(deep, "the answer is not JSON (or nests deeper than 8)");
        String large = "{\"reply\":{\"type\":\"text\",\"content\":\"" + "a".repeat(WebhookReplies.MAX_BYTES) + "\"}}";
        assertMalformed(large, "the answer is larger than 262144 bytes");
    }

    @Test
    void anUnknownOrMissingTypeIsMalformedWithoutRepeatingIt() {
        assertThatThrownBy(() -> read("{\"reply\":{\"type\":\"secret-sauce\",\"content\":\"hi\"}}"))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage("reply.type must be one of text, image, voice, video, music, news, "
                        + "transfer_customer_service")
                .hasMessageNotContaining("secret-sauce");
        assertMalformed("{\"reply\":{\"content\":\"hi\"}}", "reply.type must be a string");
        assertMalformed("{\"reply\":{\"type\":7}}", "reply.type must be a string");
    }

    @Test
    void aMissingOrWronglyTypedFieldIsNamed() {
        assertMalformed("{\"reply\":{\"type\":\"text\"}}", "reply.content is required");
        assertMalformed("{\"reply\":{\"type\":\"text\",\"content\":\" \"}}", "reply.content is required");
        assertMalformed("{\"reply\":{\"type\":\"image\",\"mediaId\":12}}", "reply.mediaId must be a string");
        assertMalformed("{\"reply\":{\"type\":\"voice\",\"mediaId\":{}}}", "reply.mediaId must be a string");
        assertMalformed("{\"reply\":{\"type\":\"music\",\"title\":\"t\"}}", "reply.thumbMediaId is required");
        assertMalformed("{\"reply\":{\"type\":\"video\",\"mediaId\":\"m\",\"title\":[\"t\"]}}", "reply.title must be");
        assertMalformed(
                "{\"reply\":{\"type\":\"transfer_customer_service\",\"kfAccount\":true}}",
                "reply.kfAccount must be a string");
        assertMalformed(
                "{\"reply\":{\"type\":\"text\",\"content\":\"" + "x".repeat(8193) + "\"}}",
                "reply.content must be at most 8192 characters");
        assertMalformed(
                "{\"reply\":{\"type\":\"image\",\"mediaID\":\"m1\"}}",
                "reply has a member that a reply of type image does not take (it takes mediaId, type)");
    }

    @Test
    void newsNeedsOneToEightWellFormedArticles() {
        assertMalformed("{\"reply\":{\"type\":\"news\"}}", "reply.articles is required");
        assertMalformed("{\"reply\":{\"type\":\"news\",\"articles\":{}}}", "reply.articles must be an array");
        assertMalformed("{\"reply\":{\"type\":\"news\",\"articles\":[]}}", "reply.articles must hold 1 to 8");
        String article = "{\"title\":\"t\"}";
        String nine = String.join(",", java.util.Collections.nCopies(9, article));
        assertMalformed(
                "{\"reply\":{\"type\":\"news\",\"articles\":[" + nine + "]}}", "reply.articles must hold 1 to 8");
        assertMalformed("{\"reply\":{\"type\":\"news\",\"articles\":[\"t\"]}}", "reply.articles[0] must be an object");
        assertMalformed(
                "{\"reply\":{\"type\":\"news\",\"articles\":[" + article + ",{\"url\":\"http://u\"}]}}",
                "reply.articles[1].title is required");
        assertMalformed(
                "{\"reply\":{\"type\":\"news\",\"articles\":[{\"title\":\"t\",\"picurl\":\"p\"}]}}",
                "reply.articles[0] has a member that an article does not take");
        String eight = String.join(",", java.util.Collections.nCopies(8, article));
        assertThat(read("{\"reply\":{\"type\":\"news\",\"articles\":[" + eight + "]}}"))
                .hasValueSatisfying(reply ->
                        assertThat(((PassiveReply.News) reply).articles()).hasSize(8));
    }

    private Optional<PassiveReply> read(String body) {
        return replies.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertMalformed(String body, String message) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageStartingWith(message);
    }
}
