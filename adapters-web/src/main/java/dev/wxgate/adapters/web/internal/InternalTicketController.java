package dev.wxgate.adapters.web.internal;

import dev.wxgate.application.audit.CountTokenReads;
import dev.wxgate.application.jssdk.JsSdkSignature;
import dev.wxgate.application.jssdk.PageUrl;
import dev.wxgate.application.jssdk.SignJsSdkConfig;
import dev.wxgate.application.token.GetTicket;
import dev.wxgate.application.token.InvalidTicketReport;
import dev.wxgate.application.token.ReportInvalidTicket;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adapter: the JS-SDK ticket and signature API for the team's backends, beside the access-token API and with the same
 * client keys and app scopes. Never logs a ticket; answers are not to be cached by anything in between.
 */
@RestController
class InternalTicketController {
    private final GetTicket getTicket;
    private final ReportInvalidTicket reportInvalid;
    private final SignJsSdkConfig sign;
    private final CountTokenReads reads;
    private final Clock clock;

    InternalTicketController(
            GetTicket getTicket,
            ReportInvalidTicket reportInvalid,
            SignJsSdkConfig sign,
            CountTokenReads reads,
            Clock clock) {
        this.getTicket = getTicket;
        this.reportInvalid = reportInvalid;
        this.sign = sign;
        this.reads = reads;
        this.clock = clock;
    }

    /** The path names a ticket type WeChat does not have. */
    static final class UnknownTicketTypeException extends RuntimeException {
        UnknownTicketTypeException() {
            super("the ticket type must be jsapi or wx_card");
        }
    }

    /** The ticket and how many seconds it has left. */
    record TicketAnswer(String ticket, long expiresIn) {}

    /** A caller's report that this ticket no longer works. */
    record InvalidTicketBody(String ticket) {}

    /** The page to sign {@code wx.config} for. */
    record SignatureBody(String url) {}

    /** What the page passes to {@code wx.config}. */
    record SignatureAnswer(String appId, long timestamp, String nonceStr, String signature) {}

    @GetMapping("/internal/v1/apps/{appId}/tickets/{type}")
    ResponseEntity<TicketAnswer> current(
            @PathVariable("appId") String appId,
            @PathVariable("type") String type,
            @AuthenticationPrincipal InternalClient client) {
        AppId app = InternalTokenController.allowed(appId, client);
        TicketType ticketType = type(type);
        Ticket ticket = getTicket.current(app, ticketType);
        reads.read(client.id(), app, ticketType.kind());
        return answer(ticket);
    }

    @PostMapping("/internal/v1/apps/{appId}/tickets/{type}/invalid")
    ResponseEntity<TicketAnswer> invalid(
            @PathVariable("appId") String appId,
            @PathVariable("type") String type,
            @RequestBody InvalidTicketBody body,
            @AuthenticationPrincipal InternalClient client) {
        AppId app = InternalTokenController.allowed(appId, client);
        TicketType ticketType = type(type);
        if (body == null || body.ticket() == null || body.ticket().isBlank()) {
            throw new IllegalArgumentException("ticket is required");
        }
        Ticket ticket =
                reportInvalid.reportInvalid(new InvalidTicketReport(app, ticketType, body.ticket(), client.id()));
        reads.read(client.id(), app, ticketType.kind());
        return answer(ticket);
    }

    @PostMapping("/internal/v1/apps/{appId}/jssdk-signature")
    ResponseEntity<SignatureAnswer> signature(
            @PathVariable("appId") String appId,
            @RequestBody SignatureBody body,
            @AuthenticationPrincipal InternalClient client) {
        AppId app = InternalTokenController.allowed(appId, client);
        PageUrl url = PageUrl.parse(body == null ? null : body.url());
        JsSdkSignature signed = sign.sign(app, url);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new SignatureAnswer(
                        signed.appId().value(), signed.timestamp(), signed.nonceStr(), signed.signature()));
    }

    private static TicketType type(String type) {
        return TicketType.fromWireName(type).orElseThrow(UnknownTicketTypeException::new);
    }

    private ResponseEntity<TicketAnswer> answer(Ticket ticket) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(new TicketAnswer(
                        ticket.value(), ticket.remainingAt(clock.instant()).toSeconds()));
    }
}
