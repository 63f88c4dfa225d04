package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.wxgate.application.token.GetTicket;
import dev.wxgate.domain.Secrets;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.token.Ticket;
import dev.wxgate.domain.token.TicketType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard shows an official account's JS-SDK tickets beside its token, masked; a mini-program has none. On a real
 * port: the embedded sandbox, WeChat here, is called over HTTP.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleTicketsTest {
    private static final String OFFICIAL_ACCOUNT = "wxa1b2c3d4e5f60002";
    private static final String MINI_PROGRAM = "wxa1b2c3d4e5f60001";
    private static final String WEBSITE = "wxa1b2c3d4e5f60004";

    @Autowired
    MockMvc mvc;

    @Autowired
    GetTicket getTicket;

    @Test
    void anOfficialAccountsCardShowsItsTicketsMasked() throws Exception {
        Ticket ticket = getTicket.current(AppId.of(OFFICIAL_ACCOUNT), TicketType.JSAPI);

        String html = mvc.perform(get("/console").with(user("watcher").roles("VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // The mini-program's card comes first (configuration order) and has no ticket line: the two belong to the
        // account.
        String account = html.substring(html.indexOf("data-app=\"" + OFFICIAL_ACCOUNT + "\""));
        assertThat(html.indexOf("data-app=\"" + MINI_PROGRAM + "\"")).isLessThan(html.indexOf(account));
        assertThat(html.split("data-ticket=", -1)).hasSize(3);
        String jsapi =
                account.substring(account.indexOf("data-ticket=\"jsapi\""), account.indexOf("data-ticket=\"wx_card\""));
        assertThat(jsapi).contains(Secrets.mask(ticket.value())).contains("jsapi_ticket");
        assertThat(html).doesNotContain(ticket.value());
    }

    @Test
    void aWebsiteAppsCardSaysItHasNoTokenAndOffersNoRefresh() throws Exception {
        String html = mvc.perform(get("/console").with(user("admin").roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        String website = html.substring(html.indexOf("data-app=\"" + WEBSITE + "\""));
        website = website.substring(0, website.indexOf("</section>"));
        assertThat(website).contains("website app", "no-token").doesNotContain("form", "countdown", "meter");
        assertThat(html).contains("/console/apps/" + OFFICIAL_ACCOUNT + "/refresh");

        int status = mvc.perform(post("/console/apps/" + WEBSITE + "/refresh")
                        .param("reason", "try")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).as("a website app has no token to force").isEqualTo(404);
    }
}
