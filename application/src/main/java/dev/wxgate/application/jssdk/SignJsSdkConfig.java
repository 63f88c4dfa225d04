package dev.wxgate.application.jssdk;

import dev.wxgate.application.token.GetTicket;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Use case: signs {@code wx.config} for a page of an official account with its current {@code jsapi_ticket}, a fresh
 * nonce and the current time. For trusted backends: any well-formed page URL is signed (the public endpoint checks
 * the JS-safe domains first, see {@link SignPageJsSdkConfig}).
 */
public final class SignJsSdkConfig {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int NONCE_LENGTH = 16;

    private final GetTicket getTicket;
    private final Clock clock;
    private final SecureRandom random;

    public SignJsSdkConfig(GetTicket getTicket, Clock clock, SecureRandom random) {
        this.getTicket = getTicket;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @throws dev.wxgate.application.UnknownAppException when wxgate does not serve {@code appId}
     * @throws dev.wxgate.application.token.NotAnOfficialAccountException when the app is a mini-program
     * @throws dev.wxgate.application.token.TokenUnavailableException when no ticket could be had within the wait
     */
    public JsSdkSignature sign(AppId appId, PageUrl url) {
        Ticket ticket = getTicket.current(appId, TicketType.JSAPI);
        String nonce = nonce();
        long timestamp = clock.instant().getEpochSecond();
        return new JsSdkSignature(
                appId, timestamp, nonce, JsSdkSignature.sign(ticket.value(), nonce, timestamp, url.value()));
    }

    private String nonce() {
        StringBuilder nonce = new StringBuilder(NONCE_LENGTH);
        for (int i = 0; i < NONCE_LENGTH; i++) {
            nonce.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return nonce.toString();
    }
}
