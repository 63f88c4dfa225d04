package dev.wxgate.adapters.wechat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeChat's XML messages as JSON, without guessing types: an element holding only text (CDATA included) is a string,
 * an element holding elements is an object, an element name repeated among its siblings is an array, and {@code item}
 * (WeChat's list entry: {@code PicList}, {@code Articles}, {@code SendLocationInfo}...) is an array even when alone, so
 * a list of one reads like a list of many. Numbers stay strings: a 64-bit MsgId must not lose digits in JavaScript.
 */
final class XmlAsJson {
    private XmlAsJson() {}

    static ObjectNode convert(Element root, JsonMapper json) {
        ObjectNode object = json.createObjectNode();
        Map<String, List<Element>> children = children(root);
        children.forEach((name, elements) -> {
            if (elements.size() == 1 && !name.equals("item")) {
                object.set(name, value(elements.getFirst(), json));
            } else {
                ArrayNode array = object.putArray(name);
                elements.forEach(element -> array.add(value(element, json)));
            }
        });
        return object;
    }

    private static JsonNode value(Element element, JsonMapper json) {
        if (children(element).isEmpty()) {
            return json.getNodeFactory().stringNode(element.getTextContent());
        }
        return convert(element, json);
    }

    /** Child elements by name, in document order. */
    private static Map<String, List<Element>> children(Element parent) {
        Map<String, List<Element>> children = new LinkedHashMap<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element) {
                children.computeIfAbsent(element.getTagName(), unused -> new ArrayList<>())
                        .add(element);
            }
        }
        return children;
    }
}
