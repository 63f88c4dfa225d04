package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What WeChat would take from a reply: every kind it shows, and each reply it would refuse, named. */
class CallbackReplyTest {
    private static final Map<String, Object> PUSH = Map.of("ToUserName", "gh_1", "FromUserName", "oUser");

    @Test
    void everyKindWeChatShowsHasNoProblem() {
        for (Map<String, Object> kind : List.of(
                kind("text", "Content", "hi"),
                kind("image", "Image", Map.of("MediaId", "m")),
                kind("voice", "Voice", Map.of("MediaId", "m")),
                kind("video", "Video", Map.of("MediaId", "m", "Title", "t")),
                kind("music", "Music", Map.of("ThumbMediaId", "th")),
                news(2, 2),
                kind("transfer_customer_service", null, null),
                kind("transfer_customer_service", "TransInfo", Map.of("KfAccount", "kf")))) {
            CallbackReply shown = CallbackReply.of(kind, PUSH);
            assertThat(shown.problem()).as(kind.toString()).isNull();
            assertThat(shown.addressedBack()).isTrue();
        }
    }

    @Test
    void jsonNumbersAreShownAsTheirTextLikeXmls() {
        CallbackReply shown = CallbackReply.of(news(1, 1), PUSH);

        assertThat(shown.message())
                .containsEntry("CreateTime", "1714112445")
                .containsEntry("ArticleCount", "1")
                .containsEntry("Articles", List.of(Map.of("Title", "t")));
    }

    @Test
    void whatWeChatWouldRefuseIsNamed() {
        assertThat(problem(kind("text", "Content", " "))).isEqualTo("Content is missing");
        assertThat(problem(kind("image", "Image", Map.of()))).isEqualTo("Image.MediaId is missing");
        assertThat(problem(kind("voice", "MediaId", "m"))).isEqualTo("Voice.MediaId is missing");
        assertThat(problem(kind("music", "Music", Map.of("Title", "t")))).isEqualTo("Music.ThumbMediaId is missing");
        assertThat(problem(kind("transfer_customer_service", "TransInfo", "")))
                .isEqualTo("TransInfo.KfAccount is missing");
        assertThat(problem(kind("location", "Label", "x")))
                .isEqualTo("MsgType location is not a passive reply WeChat accepts");
        assertThat(problem(news(2, 3))).isEqualTo("ArticleCount is not the number of items in Articles");
        assertThat(problem(news(9, 9))).isEqualTo("Articles holds 9 items, more than 8");
        assertThat(problem(news(0, 0))).isEqualTo("Articles holds no item");
        Map<String, Object> noTime = kind("text", "Content", "hi");
        noTime.put("CreateTime", "soon");
        assertThat(problem(noTime)).isEqualTo("CreateTime is not a number");
        noTime.remove("ToUserName");
        assertThat(problem(noTime)).isEqualTo("ToUserName is missing");
    }

    @Test
    void aReplyToSomeoneElseIsNotAddressedBack() {
        Map<String, Object> reply = kind("text", "Content", "hi");
        reply.put("ToUserName", "oSomeoneElse");
        assertThat(CallbackReply.of(reply, PUSH).addressedBack()).isFalse();
        assertThat(CallbackReply.of(kind("text", "Content", "hi"), Map.of("ToUserName", "gh_1", "FromUserName", "o2"))
                        .addressedBack())
                .isFalse();
    }

    private static String problem(Map<String, Object> reply) {
        return CallbackReply.of(reply, PUSH).problem();
    }

    private static Map<String, Object> news(int items, long count) {
        Map<String, Object> news = kind("news", "ArticleCount", count);
        news.put("Articles", Collections.nCopies(items, Map.of("Title", "t")));
        return news;
    }

    private static Map<String, Object> kind(String type, String field, Object value) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ToUserName", "oUser");
        reply.put("FromUserName", "gh_1");
        reply.put("CreateTime", 1714112445L);
        reply.put("MsgType", type);
        if (field != null) {
            reply.put(field, value);
        }
        return reply;
    }
}
