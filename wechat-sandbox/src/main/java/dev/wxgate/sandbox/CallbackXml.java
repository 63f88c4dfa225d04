package dev.wxgate.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * WeChat's XML message shape: {@code <xml><Name><![CDATA[text]]></Name><CreateTime>123</CreateTime></xml>}, strings in
 * CDATA and numbers bare. Parsing (of replies) forbids any DOCTYPE, so no external entity and no entity expansion.
 */
final class CallbackXml {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private CallbackXml() {}

    /**
     * The message as WeChat's XML: strings in CDATA, numbers and booleans bare, maps as nested elements, lists as the
     * element repeated.
     */
    static String write(Map<String, ?> message) {
        StringBuilder xml = new StringBuilder("<xml>");
        message.forEach((name, value) -> element(xml, name, value));
        return xml.append("</xml>").toString();
    }

    private static void element(StringBuilder xml, String name, Object value) {
        if (!NAME.matcher(name).matches()) {
            throw SandboxInputException.invalid("message field " + name + " is not a valid XML element name");
        }
        if (value instanceof List<?> items) {
            items.forEach(item -> element(xml, name, item));
            return;
        }
        xml.append('<').append(name).append('>');
        switch (value) {
            case null -> {}
            case Map<?, ?> children -> children.forEach((child, v) -> element(xml, String.valueOf(child), v));
            case Number number -> xml.append(number);
            case Boolean bool -> xml.append(bool);
            default ->
                xml.append("<![CDATA[")
                        .append(String.valueOf(value).replace("]]>", "]]]]><![CDATA[>"))
                        .append("]]>");
        }
        xml.append("</").append(name).append('>');
    }

    /**
     * The root's child elements and their text, or empty when the text is not well-formed XML or holds a DOCTYPE.
     */
    static Optional<Map<String, String>> readFlat(String text) {
        return parse(text).map(root -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Element child : children(root)) {
                fields.putIfAbsent(child.getNodeName(), child.getTextContent());
            }
            return fields;
        });
    }

    /**
     * The document as a tree, as WeChat reads a reply: an element with child elements becomes a map of them (an
     * element given twice, a list), one whose children are all {@code item} a list of them (WeChat's item lists, such
     * as {@code <Articles>}), any other its text. Empty when the text is not well-formed XML or holds a DOCTYPE.
     */
    static Optional<Map<String, Object>> readTree(String text) {
        return parse(text).map(CallbackXml::object);
    }

    private static Object tree(Element element) {
        List<Element> children = children(element);
        if (children.isEmpty()) {
            return element.getTextContent();
        }
        if (children.stream().allMatch(child -> child.getNodeName().equals("item"))) {
            return children.stream().map(CallbackXml::tree).toList();
        }
        return object(element);
    }

    private static Map<String, Object> object(Element element) {
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        for (Element child : children(element)) {
            byName.computeIfAbsent(child.getNodeName(), name -> new ArrayList<>())
                    .add(tree(child));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        byName.forEach(
                (name, values) -> fields.put(name, values.size() == 1 ? values.getFirst() : List.copyOf(values)));
        return fields;
    }

    private static List<Element> children(Element element) {
        List<Element> elements = new ArrayList<>();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                elements.add(child);
            }
        }
        return elements;
    }

    private static Optional<Element> parse(String text) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no parser chatter on stderr
            return Optional.of(builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("jdk.xml.maxElementDepth", "16");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
