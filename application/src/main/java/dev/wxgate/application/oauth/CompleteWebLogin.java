package dev.wxgate.application.oauth;

import dev.wxgate.application.UnknownAppException;
import dev.wxgate.application.oauth.WebLoginException.Reason;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.oauth.Claim;
import dev.wxgate.domain.oauth.Handoff;
import dev.wxgate.domain.oauth.PendingLogin;
import dev.wxgate.domain.oauth.WebCode;
import dev.wxgate.domain.oauth.WebGrant;
import dev.wxgate.domain.oauth.WebLoginStore;
import dev.wxgate.domain.oauth.WebOAuth;
import dev.wxgate.domain.oauth.WebUserInfo;
import dev.wxgate.domain.session.SessionRepository;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Identity;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.user.User;
import dev.wxgate.domain.user.UserRegistry;
import dev.wxgate.domain.wechat.WechatException;
import dev.wxgate.domain.wechat.WechatFailure;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Use case: WeChat sends the browser back to wxgate's callback. The {@code state} must be one wxgate issued, unused,
 * in time, and issued to this browser; then the code is exchanged (and, for {@code snsapi_userinfo} and a website app's
 * {@code snsapi_login}, the nickname and avatar read), the user registered or loaded in the same registry as mini-program users (one unionid, one user), and
 * the browser sent back to its page with a one-time handoff code. A user who declined goes back with
 * {@code wxgate_error=access_denied}. WeChat's web access_token is used for userinfo and then dropped: nothing else
 * needs it, so it is never stored.
 */
public final class CompleteWebLogin {
    private final WechatApps apps;
    private final WebLoginStore store;
    private final WebOAuth wechat;
    private final UserRegistry users;
    private final SessionRepository sessions;
    private final WebLoginSettings settings;
    private final OneTimeValues values;
    private final Clock clock;

    public CompleteWebLogin(
            WechatApps apps,
            WebLoginStore store,
            WebOAuth wechat,
            UserRegistry users,
            SessionRepository sessions,
            WebLoginSettings settings,
            OneTimeValues values,
            Clock clock) {
        this.apps = apps;
        this.store = store;
        this.wechat = wechat;
        this.users = users;
        this.sessions = sessions;
        this.settings = settings;
        this.values = values;
        this.clock = clock;
    }

    /**
     * @param appId the app of the callback's path
     * @param state the state WeChat passed back
     * @param binder the browser's binder cookie, if it sent one
     * @param code WeChat's code; absent when the user declined
     */
    public record Command(AppId appId, String state, Optional<String> binder, Optional<String> code) {
        @Override
        public String toString() {
            return "Command[" + appId + ", ****]";
        }
    }

    /**
     * Where to send the browser: the page, with {@code wxgate_code} or {@code wxgate_error}.
     *
     * @throws WebLoginException for a bad state or a code WeChat refused
     * @throws UnknownAppException when the app is not configured
     * @throws WechatException when WeChat cannot be used
     */
    public URI complete(Command command) {
        WechatApp app = apps.find(command.appId()).orElseThrow(() -> new UnknownAppException(command.appId()));
        PendingLogin pending = claim(app.appId(), command.state(), command.binder());
        if (command.code().isEmpty()) {
            return withParameter(pending.redirectUri(), "wxgate_error", "access_denied");
        }
        WebCode code;
        try {
            code = new WebCode(command.code().get());
        } catch (IllegalArgumentException malformed) {
            throw new WebLoginException(Reason.CODE_REJECTED, "WeChat's code is malformed");
        }
        WebGrant grant = exchange(app, code);
        Identity identity = new Identity(app.appId(), grant.openId(), grant.unionId());
        UserRegistry.Registration registration = users.registerOrLoad(identity);
        User user = registration.user();
        if (pending.scope().readsUserInfo()) {
            user = withWechatProfile(user, wechat.userInfo(grant));
        }
        if (!registration.newUser()) {
            // This login may have joined the user by its unionid or filled its profile: the user's other sessions,
            // on any node, answer who it is from their own snapshot, which must say so too.
            sessions.updateUserSnapshot(user.id(), UserSnapshot.of(user));
        }
        String handoffCode = values.mint();
        Instant now = clock.instant();
        store.putHandoff(
                OneTimeValues.hash(handoffCode),
                new Handoff(user.id(), identity, registration.newUser(), now.plus(settings.handoffLifetime())),
                settings.handoffLifetime().plus(WebLoginSettings.RETENTION));
        return withParameter(pending.redirectUri(), "wxgate_code", handoffCode);
    }

    private PendingLogin claim(AppId appId, String state, Optional<String> binder) {
        if (!OneTimeValues.wellFormed(state)) {
            throw new WebLoginException(Reason.STATE_UNKNOWN, "the state was not issued by this wxgate");
        }
        Claim<PendingLogin> claim = store.claimPending(OneTimeValues.hash(state))
                .orElseThrow(() -> new WebLoginException(
                        Reason.STATE_UNKNOWN, "the state was not issued by this wxgate, or is long gone"));
        PendingLogin pending = claim.entry();
        if (claim.claimedBefore()) {
            throw new WebLoginException(Reason.STATE_REPLAYED, "the state was used already");
        }
        if (!pending.appId().equals(appId)) {
            throw new WebLoginException(Reason.STATE_UNKNOWN, "the state was issued for another app");
        }
        if (!clock.instant().isBefore(pending.expiresAt())) {
            throw new WebLoginException(Reason.STATE_EXPIRED, "the login took too long; start it again");
        }
        boolean sameBrowser = binder.filter(OneTimeValues::wellFormed)
                .map(value -> OneTimeValues.sameHash(pending.binderHash(), OneTimeValues.hash(value)))
                .orElse(false);
        if (!sameBrowser) {
            throw new WebLoginException(Reason.OTHER_BROWSER, "the login was started in another browser");
        }
        return pending;
    }

    private WebGrant exchange(WechatApp app, WebCode code) {
        try {
            return wechat.exchange(app, code);
        } catch (WechatException refused) {
            if (refused.failure() == WechatFailure.INVALID_CODE || refused.failure() == WechatFailure.CODE_USED) {
                throw new WebLoginException(
                        Reason.CODE_REJECTED,
                        "WeChat refused the code (errcode " + refused.errcode().orElse(0) + ")");
            }
            throw refused;
        }
    }

    /**
     * The user with the nickname and avatar WeChat shared filled in where the profile has none: a user's own choice
     * (made in the mini-program) is never overwritten, and what wxgate's profile rules refuse (an http avatar, a
     * control character) is left out.
     */
    private User withWechatProfile(User user, WebUserInfo info) {
        Profile current = user.profile();
        Optional<String> nickname =
                current.nickname().or(() -> info.nickname().filter(CompleteWebLogin::validNickname));
        Optional<String> avatar = current.avatarUrl().or(() -> info.headImgUrl().filter(CompleteWebLogin::validAvatar));
        Profile filled = new Profile(nickname, avatar);
        if (filled.equals(current)) {
            return user;
        }
        return users.updateProfile(user.id(), filled).orElse(user);
    }

    private static boolean validNickname(String nickname) {
        try {
            new Profile(Optional.of(nickname), Optional.empty());
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static boolean validAvatar(String url) {
        try {
            new Profile(Optional.empty(), Optional.of(url));
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /** {@code page} with one more query parameter (the page carries no fragment: the allowed origins refuse one). */
    static URI withParameter(URI page, String name, String value) {
        String text = page.toString();
        return URI.create(text + (page.getRawQuery() == null ? "?" : "&") + name + "=" + value);
    }
}
