package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.CallbackWire;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.PushEnvelope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapter: WeChat's callback wire in one place. Bodies in XML (the JDK's parser with DOCTYPE forbidden, so no entity
 * of any kind, no external access, no XInclude, bounded depth) and JSON (Jackson with depth, length and duplicate-key
 * limits); only a document's top-level fields are read, and any parser failure is one answer, MALFORMED, never the
 * parser's words. Sealed pushes are opened, and replies sealed, with {@link WechatMessageCrypto}.
 */
public final class WechatCallbackWire implements CallbackWire {
    /** No WeChat message has more; a document with more is not one. */
    static final int MAX_FIELDS = 256;

    private static final int MAX_DEPTH = 16;
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXParseException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXParseException {
            throw exception;
        }
    };

    private final DocumentBuilderFactory xml = secureXml();
    private final Map<String, WechatMessageCrypto> cryptos = new ConcurrentHashMap<>();
    private final RandomGenerator random;
    private final JsonMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(1024 * 1024)
                            .maxNumberLength(64)
                            .maxNameLength(256)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** @param random the source of each sealed reply's 16 random bytes: a {@link java.security.SecureRandom} */
    public WechatCallbackWire(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public PushEnvelope read(byte[] body) {
        int first = firstSignificant(body);
        if (first < 0) {
            throw malformed();
        }
        return switch (body[first]) {
            case '<' -> new PushEnvelope(MessageFormat.XML, parseXml(body), text(body));
            case '{' -> new PushEnvelope(MessageFormat.JSON, parseJson(body), text(body));
            default -> throw malformed();
        };
    }

    @Override
    public InboundMessage open(AppId appId, String encodingAesKey, PushEnvelope envelope) {
        String sealed = envelope.encrypt().orElseThrow(WechatCallbackWire::malformed);
        String opened = crypto(appId, encodingAesKey).decrypt(sealed);
        PushEnvelope inner = read(opened.getBytes(StandardCharsets.UTF_8));
        // The format is the outer one: the reply goes back as the push came.
        return InboundMessage.from(appId, inner.fields(), envelope.format(), envelope.sealedMode(), opened);
    }

    @Override
    public String messageJson(InboundMessage message) {
        byte[] raw = message.raw().getBytes(StandardCharsets.UTF_8);
        if (message.format() == MessageFormat.JSON) {
            try {
                return json.writeValueAsString(json.readTree(raw));
            } catch (JacksonException | StackOverflowError notJson) {
                throw malformed();
            }
        }
        return json.writeValueAsString(XmlAsJson.convert(parseDocument(raw).getDocumentElement(), json));
    }

    @Override
    public String write(InboundMessage message, PassiveReply reply, Instant now) {
        return write(message.format(), reply.addressedTo(message, now));
    }

    @Override
    public String seal(
            InboundMessage message, String plainReply, CallbackSettings settings, Instant now, String nonce) {
        String key = settings.encodingAesKey().orElseThrow(() -> new CallbackRejectedException(Reason.NOT_ENCRYPTED));
        String sealed = crypto(message.appId(), key).encrypt(plainReply);
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Encrypt", sealed);
        envelope.put("MsgSignature", CallbackSignature.of(settings.token(), timestamp, nonce, sealed));
        envelope.put("TimeStamp", now.getEpochSecond());
        envelope.put("Nonce", nonce);
        return write(message.format(), envelope);
    }

    /** One crypto per app and key: its key schedule is set up once, not per push. */
    private WechatMessageCrypto crypto(AppId appId, String encodingAesKey) {
        return cryptos.computeIfAbsent(
                appId.value() + ":" + encodingAesKey,
                unused -> new WechatMessageCrypto(encodingAesKey, appId.value(), random));
    }

    /**
     * Writes {@code fields} as a body of {@code format}. Values are {@code String} (CDATA in XML), numbers (bare), a
     * nested {@code Map} (a nested element, a JSON object) or a {@code List} of maps (in XML the element holding one
     * {@code <item>} per entry, as WeChat's {@code <Articles>}; in JSON an array under the same name).
     */
    String write(MessageFormat format, Map<String, Object> fields) {
        if (format == MessageFormat.JSON) {
            return json.writeValueAsString(fields);
        }
        StringBuilder out = new StringBuilder("<xml>");
        fields.forEach((name, value) -> element(out, name, value));
        return out.append("</xml>").toString();
    }

    private static void element(StringBuilder out, String name, Object value) {
        out.append('<').append(name).append('>');
        switch (value) {
            case Number number -> out.append(number);
            case Map<?, ?> children -> children.forEach((child, inner) -> element(out, (String) child, inner));
            case List<?> items -> items.forEach(item -> element(out, "item", item));
            default ->
                // A "]]>" inside the text would end the section early: split it across two.
                out.append("<![CDATA[")
                        .append(String.valueOf(value).replace("]]>", "]]]]><![CDATA[>"))
                        .append("]]>");
        }
        out.append("</").append(name).append('>');
    }

    private Map<String, String> parseXml(byte[] body) {
        Document document = parseDocument(body);
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = document.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element element) {
                put(fields, element.getTagName(), element.getTextContent());
            }
        }
        return fields;
    }

    private Document parseDocument(byte[] body) {
        try {
            DocumentBuilder builder = xml.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXParseException("external entities are not read", null);
            });
            return builder.parse(new ByteArrayInputStream(body));
        } catch (Exception | StackOverflowError notXml) {
            throw malformed();
        }
    }

    private Map<String, String> parseJson(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException | StackOverflowError notJson) {
            throw malformed();
        }
        if (root == null || !root.isObject()) {
            throw malformed();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            put(fields, field.getKey(), value.isString() ? value.asString() : value.toString());
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (fields.putIfAbsent(name, value) != null || fields.size() > MAX_FIELDS) {
            // A field given twice could be read one way when signed and another when handled.
            throw malformed();
        }
    }

    /** The body as text, without a byte order mark. */
    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int firstSignificant(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            i = 3;
        }
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }

    private static CallbackRejectedException malformed() {
        return new CallbackRejectedException(Reason.MALFORMED);
    }

    private static DocumentBuilderFactory secureXml() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException unsupported) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", unsupported);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        return factory;
    }
}
