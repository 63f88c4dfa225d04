package dev.wxgate.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
import org.w3c.dom.Node;
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
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no parser chatter on stderr
            Element root = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            Map<String, String> fields = new LinkedHashMap<>();
            NodeList children = root.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    fields.putIfAbsent(child.getNodeName(), child.getTextContent());
                }
            }
            return Optional.of(fields);
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
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
