package dev.wxgate.domain.token;

/**
 * The kinds of credential the refresh machinery keeps, each refreshed once cluster-wide per owner. The access_token
 * and the two JS-SDK tickets are served; the Open Platform's component and authorizer tokens plug in the same way,
 * with their own store, fetch function and budget.
 */
public enum CredentialKind {
    /** An app's access_token (classic or stable mode). */
    ACCESS_TOKEN("access_token"),
    /** An official account's JS-SDK ticket, fetched with its access_token. */
    JSAPI_TICKET("jsapi_ticket"),
    /** An official account's card ticket, fetched with its access_token. */
    WX_CARD_TICKET("wx_card ticket"),
    /** A third-party platform's component_access_token. */
    COMPONENT_ACCESS_TOKEN("component_access_token"),
    /** An authorized account's authorizer_access_token. */
    AUTHORIZER_ACCESS_TOKEN("authorizer_access_token");

    private final String label;

    CredentialKind(String label) {
        this.label = label;
    }

    /** WeChat's name for it, as messages and logs say it. */
    public String label() {
        return label;
    }
}
