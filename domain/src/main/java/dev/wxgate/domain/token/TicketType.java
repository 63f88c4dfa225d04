package dev.wxgate.domain.token;

import java.util.Arrays;
import java.util.Optional;

/** The two tickets an official account fetches with its access_token, by WeChat's {@code type} parameter. */
public enum TicketType {
    /** Signs {@code wx.config} for the JS-SDK. */
    JSAPI("jsapi", CredentialKind.JSAPI_TICKET),
    /** Signs the card API's {@code cardExt} / {@code chooseCard}. */
    WX_CARD("wx_card", CredentialKind.WX_CARD_TICKET);

    private final String wireName;
    private final CredentialKind kind;

    TicketType(String wireName, CredentialKind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    /** WeChat's {@code type} value, also the name in wxgate's URLs: "jsapi", "wx_card". */
    public String wireName() {
        return wireName;
    }

    /** The credential kind the refresh machinery keeps it as. */
    public CredentialKind kind() {
        return kind;
    }

    /** The type WeChat names {@code wireName}; empty for anything else (exact, case-sensitive, like WeChat). */
    public static Optional<TicketType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    /** The ticket type kept as {@code kind}; empty for a kind that is no ticket. */
    public static Optional<TicketType> of(CredentialKind kind) {
        return Arrays.stream(values()).filter(t -> t.kind == kind).findFirst();
    }
}
