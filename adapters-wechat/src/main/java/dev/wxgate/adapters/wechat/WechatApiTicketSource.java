package dev.wxgate.adapters.wechat;

import dev.wxgate.domain.app.WechatApp;
import dev.wxgate.domain.token.AccessToken;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketSource;
import dev.wxgate.domain.token.TicketType;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Adapter: JS-SDK tickets from WeChat's {@code /cgi-bin/ticket/getticket}, called with the app's access_token. */
public final class WechatApiTicketSource implements TicketSource {
    static final Endpoint GET_TICKET = Endpoint.withAccessToken("/cgi-bin/ticket/getticket");

    private final WechatHttp http;
    private final Clock clock;

    public WechatApiTicketSource(WechatHttp http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Ticket fetch(WechatApp app, AccessToken accessToken, TicketType type) {
        // Read before the call, as for tokens: latency shortens the ticket's known life rather than stretching it.
        Instant requestedAt = clock.instant();
        WechatRequest request = WechatRequest.get(GET_TICKET)
                .secretParam("access_token", accessToken.value())
                .param("type", type.wireName());
        return WireMapper.ticket(GET_TICKET, http.call(request, Wire.TicketAnswer.class), requestedAt);
    }
}
