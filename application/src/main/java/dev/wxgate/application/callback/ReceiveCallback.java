package dev.wxgate.application.callback;

import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.app.CallbackMode;
import dev.wxgate.domain.app.CallbackSettings;
import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.domain.callback.CallbackDeduplication;
import dev.wxgate.domain.callback.CallbackDeduplication.Kind;
import dev.wxgate.domain.callback.CallbackFormat;
import dev.wxgate.domain.callback.CallbackLog;
import dev.wxgate.domain.callback.CallbackLog.Outcome;
import dev.wxgate.domain.callback.CallbackRejectedException;
import dev.wxgate.domain.callback.CallbackRejectedException.Reason;
import dev.wxgate.domain.callback.CallbackSignature;
import dev.wxgate.domain.callback.InboundMessage;
import dev.wxgate.domain.callback.MessageCrypto;
import dev.wxgate.domain.callback.MessageFormat;
import dev.wxgate.domain.callback.MessageHandler;
import dev.wxgate.domain.callback.PassiveReply;
import dev.wxgate.domain.callback.SecurityMode;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * Use case: WeChat pushes a message ({@code POST}). The mode comes from the query ({@code encrypt_type=aes} means
 * compatible or safe, and then only {@code msg_signature} counts) and must be one the app's pinned
 * {@link CallbackMode} takes; the format comes from the body. The message is authenticated, checked for freshness
 * (timestamp window, nonce used once), decrypted (every failure past {@code msg_signature} answered alike),
 * deduplicated across the cluster, and routed to the handlers: quick ones answer inline (a passive reply, encrypted
 * in the mode the message came in), slow ones run afterwards on a bounded executor. Every callback is recorded in the
 * {@link CallbackLog}.
 */
public final class ReceiveCallback {
    private static final System.Logger log = System.getLogger(ReceiveCallback.class.getName());

    private final WechatApps apps;
    private final CallbackFormat format;
    private final CallbackDeduplication deduplication;
    private final CallbackLog callbackLog;
    private final List<MessageHandler> handlers;
    private final Executor background;
    private final CallbackPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<AppId, MessageCrypto> cryptos = new ConcurrentHashMap<>();

    /**
     * @param background runs the handlers that run in the background; must be bounded and refuse work when full
     *     ({@link RejectedExecutionException}), which drops that work and is recorded
     * @param random a {@link java.security.SecureRandom}: the random prefix of encrypted replies
     */
    public ReceiveCallback(
            WechatApps apps,
            CallbackFormat format,
            CallbackDeduplication deduplication,
            CallbackLog callbackLog,
            List<MessageHandler> handlers,
            Executor background,
            CallbackPolicy policy,
            Clock clock,
            RandomGenerator random) {
        this.apps = apps;
        this.format = format;
        this.deduplication = deduplication;
        this.callbackLog = callbackLog;
        this.handlers = List.copyOf(handlers);
        this.background = background;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /**
     * What WeChat sent: the query parameters (any may be missing) and the body.
     *
     * @param encryptType {@code aes} in compatible and safe modes
     */
    public record Command(
            AppId appId,
            String signature,
            String timestamp,
            String nonce,
            String encryptType,
            String msgSignature,
            byte[] body) {}

    /**
     * The answer's body; with a format when it is a reply in that format, without one for {@code success}.
     *
     * @param format the reply's format, empty for plain {@code success}
     */
    public record Answer(String body, Optional<MessageFormat> format) {
        public static final Answer SUCCESS = new Answer("success", Optional.empty());
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when the app does not receive callbacks here
     * @throws CallbackRejectedException when the callback is forged, replayed, in a mode the app does not take or not
     *     the protocol: its {@code answer()} is what the sender may be told, its {@code reason()} (recorded) what
     *     went wrong
     * @throws dev.wxgate.domain.StoreUnavailableException when duplicates cannot be checked
     */
    public Answer receive(Command command) {
        CallbackSettings settings = CallbackApps.settings(apps, command.appId());
        Instant now = clock.instant();
        try {
            InboundMessage message = authenticate(command, settings, now);
            return dispatch(message, command, settings, now);
        } catch (CallbackRejectedException rejected) {
            callbackLog.record(CallbackLog.Entry.rejected(command.appId(), now, rejected.reason()));
            throw rejected;
        }
    }

    private InboundMessage authenticate(Command command, CallbackSettings settings, Instant now) {
        return encrypted(command.encryptType(), settings.mode())
                ? open(command, settings, now)
                : readPlain(command, settings, now);
    }

    /**
     * Whether a push is encrypted, as its query says, and whether the app's pinned mode takes it: a push never
     * chooses a weaker mode than the app's, and an {@code encrypt_type} that is not WeChat's is never read as
     * plaintext. {@code raw} is WeChat's own name for plaintext, as absent is.
     */
    private static boolean encrypted(String encryptType, CallbackMode mode) {
        if (encryptType == null || encryptType.equals("raw")) {
            if (!mode.acceptsPlaintext()) {
                throw new CallbackRejectedException(Reason.ENCRYPTION_REQUIRED);
            }
            return false;
        }
        if (!encryptType.equals("aes")) {
            throw new CallbackRejectedException(Reason.UNSUPPORTED_ENCRYPT_TYPE);
        }
        if (!mode.acceptsEncrypted()) {
            throw new CallbackRejectedException(Reason.NOT_ENCRYPTED);
        }
        return true;
    }

    private InboundMessage readPlain(Command command, CallbackSettings settings, Instant now) {
        if (!CallbackSignature.matches(command.signature(), settings.token(), command.timestamp(), command.nonce())) {
            throw new CallbackRejectedException(Reason.BAD_SIGNATURE);
        }
        policy.checkFresh(command.timestamp(), now);
        CallbackFormat.Parsed parsed = format.parse(body(command));
        return InboundMessage.from(command.appId(), parsed.fields(), parsed.format(), SecurityMode.PLAINTEXT);
    }

    private InboundMessage open(Command command, CallbackSettings settings, Instant now) {
        if (command.msgSignature() == null || command.timestamp() == null || command.nonce() == null) {
            // Never fall back to signature: it does not cover the body.
            throw new CallbackRejectedException(Reason.BAD_SIGNATURE);
        }
        CallbackFormat.Parsed outer = format.parse(body(command));
        String sealed = outer.fields().get("Encrypt");
        if (sealed == null) {
            throw new CallbackRejectedException(Reason.MALFORMED);
        }
        if (!CallbackSignature.matches(
                command.msgSignature(), settings.token(), command.timestamp(), command.nonce(), sealed)) {
            throw new CallbackRejectedException(Reason.BAD_SIGNATURE);
        }
        policy.checkFresh(command.timestamp(), now);
        MessageCrypto crypto = crypto(command.appId(), settings);
        try {
            String opened = crypto.decrypt(sealed);
            CallbackFormat.Parsed inner = format.parse(opened.getBytes(StandardCharsets.UTF_8));
            // Compatible mode repeats the message in clear beside Encrypt; only the decrypted copy is believed.
            SecurityMode mode =
                    outer.fields().containsKey("MsgType") || outer.fields().containsKey("FromUserName")
                            ? SecurityMode.COMPATIBLE
                            : SecurityMode.SAFE;
            return InboundMessage.from(command.appId(), inner.fields(), outer.format(), mode);
        } catch (CallbackRejectedException failure) {
            // Past msg_signature every failure gets one answer: which one it was stays in our log and the console.
            throw failure.concealed();
        }
    }

    private static byte[] body(Command command) {
        return command.body() == null ? new byte[0] : command.body();
    }

    private Answer dispatch(InboundMessage message, Command command, CallbackSettings settings, Instant now) {
        AppId app = message.appId();
        String nonce = CallbackPolicy.nonceKey(command.timestamp(), command.nonce());
        String delivery = message.deliveryKey();
        if (!deduplication.firstSeen(app, Kind.NONCE, nonce, policy.nonceMemory())) {
            // WeChat's retry of a message already taken is a duplicate; anything else reusing a nonce is a replay.
            if (deduplication.seen(app, Kind.DELIVERY, delivery)) {
                return duplicate(message, command, settings, now);
            }
            throw new CallbackRejectedException(Reason.REPLAYED_NONCE);
        }
        if (!deduplication.firstSeen(app, Kind.DELIVERY, delivery, policy.deliveryMemory())) {
            return duplicate(message, command, settings, now);
        }
        Optional<PassiveReply> reply = Optional.empty();
        boolean dropped = false;
        for (MessageHandler handler : handlers) {
            if (!handler.route().matches(message)) {
                continue;
            }
            if (handler.runsInBackground()) {
                dropped |= !submit(handler, message);
            } else if (reply.isEmpty()) {
                reply = runInline(handler, message);
            }
        }
        callbackLog.record(CallbackLog.Entry.of(message, now, dropped ? Outcome.DROPPED : Outcome.HANDLED));
        if (reply.isEmpty()) {
            return Answer.SUCCESS;
        }
        String plain = format.write(message.format(), reply.get().addressedTo(message, now));
        deduplication.rememberReply(app, delivery, plain, policy.deliveryMemory());
        return answer(plain, message, command, settings, now);
    }

    /** WeChat's retry of a delivery already handled gets the first try's reply again, sealed for this try. */
    private Answer duplicate(InboundMessage message, Command command, CallbackSettings settings, Instant now) {
        callbackLog.record(CallbackLog.Entry.of(message, now, Outcome.DUPLICATE));
        return deduplication
                .replyTo(message.appId(), message.deliveryKey())
                .map(plain -> answer(plain, message, command, settings, now))
                .orElse(Answer.SUCCESS);
    }

    private boolean submit(MessageHandler handler, InboundMessage message) {
        try {
            background.execute(() -> runInline(handler, message));
            return true;
        } catch (RejectedExecutionException full) {
            log.log(Level.WARNING, "callback background queue is full: dropped {0}", message);
            return false;
        }
    }

    private static Optional<PassiveReply> runInline(MessageHandler handler, InboundMessage message) {
        try {
            return handler.handle(message);
        } catch (RuntimeException failure) {
            // WeChat cannot help with our handler's bug: answer success, keep the failure for us (no message text).
            log.log(
                    Level.ERROR,
                    "callback handler " + handler.getClass().getName() + " failed on " + message + ": "
                            + failure.getClass().getName());
            return Optional.empty();
        }
    }

    private Answer answer(
            String plain, InboundMessage message, Command command, CallbackSettings settings, Instant now) {
        if (!message.mode().encrypted()) {
            return new Answer(plain, Optional.of(message.format()));
        }
        String sealed = crypto(message.appId(), settings).encrypt(plain);
        String timestamp = Long.toString(now.getEpochSecond());
        String nonce = command.nonce();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Encrypt", sealed);
        envelope.put("MsgSignature", CallbackSignature.of(settings.token(), timestamp, nonce, sealed));
        envelope.put("TimeStamp", now.getEpochSecond());
        envelope.put("Nonce", nonce);
        return new Answer(format.write(message.format(), envelope), Optional.of(message.format()));
    }

    private MessageCrypto crypto(AppId appId, CallbackSettings settings) {
        String key = settings.encodingAesKey().orElseThrow(() -> new CallbackRejectedException(Reason.NOT_ENCRYPTED));
        return cryptos.computeIfAbsent(appId, unused -> new MessageCrypto(key, appId.value(), random));
    }
}
