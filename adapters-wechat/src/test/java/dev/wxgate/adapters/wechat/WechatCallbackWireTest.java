package dev.wxgate.adapters.wechat;

import static dev.wxgate.adapters.wechat.OfficialCallbackExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.PushEnvelope;
import dev.wxgate.domain.callback.SecurityMode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** WeChat's callback wire end to end on WeChat's own examples: read, open, write and seal, and what is refused. */
class WechatCallbackWireTest {
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    private static final PassiveReply VIDEO = new PassiveReply.Video("m3", Optional.of("t"), Optional.of("d"));
    private static final PassiveReply MUSIC = new PassiveReply.Music(
            Optional.of("song"),
            Optional.of("by"),
            Optional.of("http://m/a.mp3"),
            Optional.of("http://m/hq.mp3"),
            "th");
    private static final PassiveReply NEWS = new PassiveReply.News(List.of(
            new PassiveReply.Article("a", Optional.of("d"), Optional.of("http://p/1.png"), Optional.of("http://u/1")),
            new PassiveReply.Article("b ]]>", Optional.empty(), Optional.empty(), Optional.empty())));
    private final WechatCallbackWire wire = new WechatCallbackWire(new SecureRandom());

    @Test
    void theOfficialSafeModeXmlPushOpensToItsMessage() {
        PushEnvelope envelope = wire.read(bytes(XML_BODY));

        assertThat(envelope.format()).isEqualTo(MessageFormat.XML);
        assertThat(envelope.encrypt()).contains(XML_ENCRYPT);
        assertThat(envelope.sealedMode()).isEqualTo(SecurityMode.SAFE);
        InboundMessage message = wire.open(AppId.of(XML_APP_ID), AES_KEY, envelope);
        assertThat(message.fromUserName()).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(message.event()).contains("debug_demo");
        assertThat(message.fields()).containsEntry("debug_str", "hello world");
        assertThat(message.format()).isEqualTo(MessageFormat.XML);
        assertThat(message.mode()).isEqualTo(SecurityMode.SAFE);
    }

    @Test
    void theOfficialJsonPushOpensToItsMessage() {
        PushEnvelope envelope =
                wire.read(bytes("{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"" + JSON_ENCRYPT + "\"}"));

        InboundMessage message = wire.open(AppId.of(JSON_APP_ID), AES_KEY, envelope);

        assertThat(message.format()).isEqualTo(MessageFormat.JSON);
        assertThat(message.createTime()).isEqualTo(1714112445L);
        assertThat(message.fields()).containsEntry("debug_str", "hello world");
    }

    @Test
    void anotherAppsPushIsRefusedPrecisely() {
        PushEnvelope envelope = wire.read(bytes(XML_BODY));

        assertReason(() -> wire.open(AppId.of(JSON_APP_ID), AES_KEY, envelope), Reason.WRONG_APP);
    }

    @Test
    void aDoctypeADuplicateFieldOrAnythingButXmlOrJsonIsMalformed() {
        assertReason(
                () -> wire.read(bytes("<!DOCTYPE x [<!ENTITY e \"boom\">]><xml><A>&e;</A></xml>")), Reason.MALFORMED);
        assertReason(() -> wire.read(bytes("<xml><A>1</A><A>2</A></xml>")), Reason.MALFORMED);
        assertReason(() -> wire.read(bytes("{\"A\":1,\"A\":2}")), Reason.MALFORMED);
        assertReason(() -> wire.read(bytes("A=1")), Reason.MALFORMED);
        assertReason(() -> wire.read(new byte[0]), Reason.MALFORMED);
    }

    @Test
    void aReplyIsWrittenInTheMessagesFormatAddressedBackToItsSender() {
        InboundMessage message = plain(MessageFormat.XML);

        String reply = wire.write(message, PassiveReply.text("hi ]]> there"), NOW);

        assertThat(reply)
                .startsWith("<xml><ToUserName><![CDATA[oSender]]></ToUserName><FromUserName><![CDATA[gh_1]]>")
                .contains("<CreateTime>" + NOW.getEpochSecond() + "</CreateTime>")
                .contains("<Content><![CDATA[hi ]]]]><![CDATA[> there]]></Content>");
        assertThat(wire.read(bytes(reply)).fields()).containsEntry("Content", "hi ]]> there");
    }

    @Test
    void everyKindOfReplyIsWrittenInWeChatsXmlShape() {
        String head = "<xml><ToUserName><![CDATA[oSender]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>"
                + "<CreateTime>" + NOW.getEpochSecond() + "</CreateTime><MsgType><![CDATA[";
        InboundMessage message = plain(MessageFormat.XML);

        assertThat(wire.write(message, new PassiveReply.Image("m1"), NOW))
                .isEqualTo(head + "image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image></xml>");
        assertThat(wire.write(message, new PassiveReply.Voice("m2"), NOW))
                .isEqualTo(head + "voice]]></MsgType><Voice><MediaId><![CDATA[m2]]></MediaId></Voice></xml>");
        assertThat(wire.write(message, VIDEO, NOW))
                .isEqualTo(head + "video]]></MsgType><Video><MediaId><![CDATA[m3]]></MediaId>"
                        + "<Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description></Video></xml>");
        assertThat(wire.write(message, MUSIC, NOW))
                .isEqualTo(head + "music]]></MsgType><Music><Title><![CDATA[song]]></Title>"
                        + "<Description><![CDATA[by]]></Description><MusicUrl><![CDATA[http://m/a.mp3]]></MusicUrl>"
                        + "<HQMusicUrl><![CDATA[http://m/hq.mp3]]></HQMusicUrl>"
                        + "<ThumbMediaId><![CDATA[th]]></ThumbMediaId></Music></xml>");
        assertThat(wire.write(message, NEWS, NOW))
                .isEqualTo(head + "news]]></MsgType><ArticleCount>2</ArticleCount><Articles>"
                        + "<item><Title><![CDATA[a]]></Title><Description><![CDATA[d]]></Description>"
                        + "<PicUrl><![CDATA[http://p/1.png]]></PicUrl><Url><![CDATA[http://u/1]]></Url></item>"
                        + "<item><Title><![CDATA[b ]]]]><![CDATA[>]]></Title></item></Articles></xml>");
        assertThat(wire.write(message, new PassiveReply.TransferCustomerService(Optional.empty()), NOW))
                .isEqualTo(head + "transfer_customer_service]]></MsgType></xml>");
        assertThat(wire.write(message, new PassiveReply.TransferCustomerService(Optional.of("kf1@gh_1")), NOW))
                .isEqualTo(head + "transfer_customer_service]]></MsgType>"
                        + "<TransInfo><KfAccount><![CDATA[kf1@gh_1]]></KfAccount></TransInfo></xml>");
        assertThat(wire.write(message, PassiveReply.text("hi"), NOW))
                .isEqualTo(head + "text]]></MsgType><Content><![CDATA[hi]]></Content></xml>");
    }

    @Test
    void everyKindOfReplyIsWrittenAsNestedJsonUnderTheSameNames() {
        String head = "{\"ToUserName\":\"oSender\",\"FromUserName\":\"gh_1\",\"CreateTime\":" + NOW.getEpochSecond()
                + ",\"MsgType\":";
        InboundMessage message = plain(MessageFormat.JSON);

        assertThat(wire.write(message, new PassiveReply.Image("m1"), NOW))
                .isEqualTo(head + "\"image\",\"Image\":{\"MediaId\":\"m1\"}}");
        assertThat(wire.write(message, new PassiveReply.Voice("m2"), NOW))
                .isEqualTo(head + "\"voice\",\"Voice\":{\"MediaId\":\"m2\"}}");
        assertThat(wire.write(message, VIDEO, NOW))
                .isEqualTo(head + "\"video\",\"Video\":{\"MediaId\":\"m3\",\"Title\":\"t\",\"Description\":\"d\"}}");
        assertThat(wire.write(message, MUSIC, NOW))
                .isEqualTo(
                        head + "\"music\",\"Music\":{\"Title\":\"song\",\"Description\":\"by\","
                                + "\"MusicUrl\":\"http://m/a.mp3\",\"HQMusicUrl\":\"http://m/hq.mp3\",\"ThumbMediaId\":\"th\"}}");
        assertThat(wire.write(message, NEWS, NOW))
                .isEqualTo(head + "\"news\",\"ArticleCount\":2,\"Articles\":[{\"Title\":\"a\",\"Description\":\"d\","
                        + "\"PicUrl\":\"http://p/1.png\",\"Url\":\"http://u/1\"},{\"Title\":\"b ]]>\"}]}");
        assertThat(wire.write(message, new PassiveReply.TransferCustomerService(Optional.empty()), NOW))
                .isEqualTo(head + "\"transfer_customer_service\"}");
        assertThat(wire.write(message, new PassiveReply.TransferCustomerService(Optional.of("kf1@gh_1")), NOW))
                .isEqualTo(head + "\"transfer_customer_service\",\"TransInfo\":{\"KfAccount\":\"kf1@gh_1\"}}");
        assertThat(wire.write(message, PassiveReply.text("hi \"x\""), NOW))
                .isEqualTo(head + "\"text\",\"Content\":\"hi \\\"x\\\"\"}");
    }

    @Test
    void aSealedReplyIsSignedAndOpensForTheApp() {
        CallbackSettings settings = new CallbackSettings(TOKEN, Optional.of(AES_KEY), CallbackMode.SAFE);
        InboundMessage message = plain(MessageFormat.JSON);

        String sealed = wire.seal(message, "{\"MsgType\":\"text\"}", settings, NOW, "n1");

        PushEnvelope envelope = wire.read(bytes(sealed));
        assertThat(envelope.format()).isEqualTo(MessageFormat.JSON);
        String encrypt = envelope.encrypt().orElseThrow();
        assertThat(envelope.fields())
                .containsEntry("Nonce", "n1")
                .containsEntry("TimeStamp", Long.toString(NOW.getEpochSecond()))
                .containsEntry(
                        "MsgSignature",
                        CallbackSignature.of(TOKEN, Long.toString(NOW.getEpochSecond()), "n1", encrypt));
        assertThat(new WechatMessageCrypto(AES_KEY, XML_APP_ID).decrypt(encrypt))
                .isEqualTo("{\"MsgType\":\"text\"}");
    }

    @Test
    void anXmlMessageBecomesJsonWithItsNestedListsAndCdataAsStrings() {
        String xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oSender]]></FromUserName>"
                + "<CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[pic_sysphoto]]></Event><EventKey><![CDATA[a <b> & ]]]]><![CDATA[>]]></EventKey>"
                + "<SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[m1]]></PicMd5Sum></item>"
                + "<item><PicMd5Sum><![CDATA[m2]]></PicMd5Sum></item></PicList></SendPicsInfo>"
                + "<Single><item><Id>7</Id></item></Single><MsgId>9223372036854775807</MsgId></xml>";
        InboundMessage message = wire.read(bytes(xml)).plainMessage(AppId.of(XML_APP_ID));

        assertThat(wire.messageJson(message))
                .isEqualTo("{\"ToUserName\":\"gh_1\",\"FromUserName\":\"oSender\",\"CreateTime\":\"1714112445\","
                        + "\"MsgType\":\"event\",\"Event\":\"pic_sysphoto\",\"EventKey\":\"a <b> & ]]>\","
                        + "\"SendPicsInfo\":{\"Count\":\"2\",\"PicList\":{\"item\":[{\"PicMd5Sum\":\"m1\"},"
                        + "{\"PicMd5Sum\":\"m2\"}]}},\"Single\":{\"item\":[{\"Id\":\"7\"}]},"
                        + "\"MsgId\":\"9223372036854775807\"}");
        assertThat(message.raw()).isEqualTo(xml);
    }

    @Test
    void aJsonMessageIsForwardedAsItCame() {
        String body = "{\"ToUserName\":\"gh_1\",\"FromUserName\":\"o1\",\"CreateTime\":1,\"MsgType\":\"event\","
                + "\"Event\":\"debug_demo\",\"nested\":{\"list\":[1,\"two\"]}}";
        InboundMessage message = wire.read(bytes(body)).plainMessage(AppId.of(XML_APP_ID));

        assertThat(wire.messageJson(message)).isEqualTo(body);
    }

    private static InboundMessage plain(MessageFormat format) {
        return new InboundMessage(
                AppId.of(XML_APP_ID),
                "gh_1",
                "oSender",
                1L,
                "text",
                Optional.empty(),
                Optional.of("1"),
                java.util.Map.of(),
                format,
                SecurityMode.SAFE,
                "<xml/>");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(CallbackRejectedException.class, rejected -> assertThat(rejected.reason())
                        .isEqualTo(reason));
    }
}
