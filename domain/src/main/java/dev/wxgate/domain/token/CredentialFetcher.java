package dev.wxgate.domain.token;

/**
 * Secondary port: how one kind of credential is fetched from WeChat. Every call may cost quota, so only the refresher
 * calls it, under the key's lock.
 */
@FunctionalInterface
public interface CredentialFetcher<C extends Credential> {

    /**
     * @param force ask for a new credential that invalidates the current one (stable access_token), within the kind's
     *     {@link ForceBudget}
     * @throws dev.wxgate.domain.wechat.WechatException when WeChat refuses or cannot be reached
     */
    C fetch(CredentialKey key, boolean force);
}
