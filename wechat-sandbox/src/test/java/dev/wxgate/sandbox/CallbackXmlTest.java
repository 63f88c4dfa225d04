package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WeChat's XML shape out, and replies read back with DOCTYPE refused. */
class CallbackXmlTest {

    @Test
    void writesStringsInCdataAndNumbersBare() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ToUserName", "gh_1");
        message.put("CreateTime", 1714036504L);
        message.put("Content", "a]]>b <&>");
        message.put("ScanCodeInfo", Map.of("ScanType", "qrcode"));
        message.put("Item", List.of(1, 2));
        message.put("Empty", null);
        assertThat(CallbackXml.write(message))
                .isEqualTo("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1714036504</CreateTime>"
                        + "<Content><![CDATA[a]]]]><![CDATA[>b <&>]]></Content>"
                        + "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo>"
                        + "<Item>1</Item><Item>2</Item><Empty></Empty></xml>");
        assertThat(CallbackXml.readFlat(CallbackXml.write(message)).orElseThrow())
                .containsEntry("Content", "a]]>b <&>");
    }

    @Test
    void refusesFieldNamesThatAreNotElementNames() {
        assertThatThrownBy(() -> CallbackXml.write(Map.of("a b", "x"))).isInstanceOf(SandboxInputException.class);
        assertThatThrownBy(() -> CallbackXml.write(Map.of("1st", "x"))).isInstanceOf(SandboxInputException.class);
    }

    @Test
    void readsTheRootsChildren() {
        assertThat(CallbackXml.readFlat("<xml><Encrypt><![CDATA[abc]]></Encrypt><TimeStamp>12</TimeStamp></xml>"))
                .contains(Map.of("Encrypt", "abc", "TimeStamp", "12"));
    }

    @Test
    void readsNestedElementsAsMapsItemListsAsListsAndRepeatsAsLists() {
        String xml = "<xml><MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles>"
                + "<item><Title><![CDATA[a]]></Title><Url><![CDATA[u]]></Url></item>"
                + "<item><Title><![CDATA[b]]></Title></item></Articles>"
                + "<TransInfo><KfAccount><![CDATA[kf]]></KfAccount></TransInfo><R>1</R><R>2</R><R>3</R><E/></xml>";

        Map<String, Object> tree = CallbackXml.readTree(xml).orElseThrow();

        assertThat(tree)
                .containsExactly(
                        Map.entry("MsgType", "news"),
                        Map.entry("ArticleCount", "2"),
                        Map.entry("Articles", List.of(Map.of("Title", "a", "Url", "u"), Map.of("Title", "b"))),
                        Map.entry("TransInfo", Map.of("KfAccount", "kf")),
                        Map.entry("R", List.of("1", "2", "3")),
                        Map.entry("E", ""));
        assertThat(CallbackXml.readTree("<!DOCTYPE x [<!ENTITY e \"b\">]><xml><A>&e;</A></xml>"))
                .isEmpty();
        assertThat(CallbackXml.readTree("<xml>" + "<a>".repeat(40) + "</a>".repeat(40) + "</xml>"))
                .isEmpty();
    }

    @Test
    void refusesDoctypeExternalEntitiesAndEntityExpansion() {
        assertThat(CallbackXml.readFlat("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM"
                        + " \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>"))
                .isEmpty();
        assertThat(CallbackXml.readFlat("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2"
                        + " \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><xml><A>&lol2;</A></xml>"))
                .isEmpty();
        assertThat(CallbackXml.readFlat("<xml><A>unclosed</xml>")).isEmpty();
        assertThat(CallbackXml.readFlat("success")).isEmpty();
    }
}
