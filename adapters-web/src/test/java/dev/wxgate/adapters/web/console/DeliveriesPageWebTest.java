package dev.wxgate.adapters.web.console;

import static dev.wxgate.testfixtures.delivery.ListedPushOutbox.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.wxgate.application.delivery.ListDeliveries;
import dev.wxgate.application.delivery.ReplayRequest;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.testfixtures.delivery.ListedPushOutbox;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The Deliveries page over mocked use cases: what it shows to whom, that its filters reach the outbox and bad ones are
 * refused (400), and that only an ADMIN's POST with its CSRF token replays.
 */
@WebMvcTest
class DeliveriesPageWebTest extends ConsoleWebSlice {
    private static final AppId APP = ListedPushOutbox.APP;
    private static final DeliveryId DEAD = DeliveryId.of("0a1b2c3d-0000-4000-8000-00000000dead");
    private static final String PAGE = "/console/deliveries";

    @BeforeEach
    void oneDeadDelivery() {
        given(listDeliveries.list(any()))
                .willAnswer(call -> new ListDeliveries.Listing(
                        new Page<>(
                                List.of(delivery(DEAD, DeliveryState.DEAD, 12)),
                                1,
                                call.getArgument(0, DeliveryQuery.class).page()),
                        new OutboxDepth(4, 1)));
    }

    @Test
    void anAdminSeesTheDeadDeliveriesTheDepthAndTheReplayButtons() throws Exception {
        http.perform(get(PAGE).with(admin()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/deliveries"))
                .andExpect(content().string(containsString(DEAD.value())))
                .andExpect(content().string(containsString("HTTP 500")))
                .andExpect(content().string(containsString("id=\"depth-pending\">4<")))
                .andExpect(content().string(containsString("id=\"depth-dead\"")))
                .andExpect(content().string(containsString("action=\"/console/deliveries/replay\"")))
                .andExpect(content().string(containsString("id=\"replay-dead\"")))
                .andExpect(content().string(containsString("data-confirm=\"Replay every dead delivery")));

        ArgumentCaptor<DeliveryQuery> query = ArgumentCaptor.forClass(DeliveryQuery.class);
        verify(listDeliveries).list(query.capture());
        assertThat(query.getValue())
                .as("dead ones first: what needs an operator")
                .isEqualTo(new DeliveryQuery(Optional.of(DeliveryState.DEAD), Optional.empty(), PageRequest.of(0, 20)));
    }

    @Test
    void aViewerSeesTheDeliveriesWithoutAnyButton() throws Exception {
        http.perform(get(PAGE).with(viewer()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(DEAD.value())))
                .andExpect(content().string(not(containsString("/console/deliveries/replay"))))
                .andExpect(content().string(not(containsString("replay-dead"))));
    }

    @Test
    void theFiltersReachTheOutboxAndStayInTheLinks() throws Exception {
        http.perform(get(PAGE)
                        .param("state", "pending")
                        .param("app", APP.value())
                        .param("page", "3")
                        .with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Replay all dead of " + APP.value())))
                .andExpect(content()
                        .string(containsString(
                                "href=\"/console/deliveries?state=pending&amp;app=" + APP.value() + "&amp;page=1\"")));

        ArgumentCaptor<DeliveryQuery> query = ArgumentCaptor.forClass(DeliveryQuery.class);
        verify(listDeliveries).list(query.capture());
        assertThat(query.getValue())
                .isEqualTo(
                        new DeliveryQuery(Optional.of(DeliveryState.PENDING), Optional.of(APP), PageRequest.of(2, 20)));
    }

    @Test
    void aPagePastTheLastLeadsBackToTheLastThereIs() throws Exception {
        http.perform(get(PAGE).param("page", "5").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(containsString("href=\"/console/deliveries?state=dead&amp;app=&amp;page=1\"")))
                .andExpect(content().string(containsString("rel=\"prev\"")))
                .andExpect(content().string(not(containsString("rel=\"next\""))));
    }

    @Test
    void allStatesListsWithoutAStateFilter() throws Exception {
        http.perform(get(PAGE).param("state", "all").with(viewer())).andExpect(status().isOk());

        ArgumentCaptor<DeliveryQuery> query = ArgumentCaptor.forClass(DeliveryQuery.class);
        verify(listDeliveries).list(query.capture());
        assertThat(query.getValue().state()).isEmpty();
    }

    @Test
    void badFiltersAreRefusedWithTheErrorPage() throws Exception {
        for (String[] bad : List.of(
                new String[] {"state", "everything"},
                new String[] {"state", "DEAD "},
                new String[] {"app", "not-an-app"},
                new String[] {"page", "0"},
                new String[] {"page", "-2"},
                new String[] {"page", "abc"},
                new String[] {"page", "10001"},
                new String[] {"page", "99999999999999"})) {
            http.perform(get(PAGE).param(bad[0], bad[1]).with(viewer()))
                    .andExpect(status().isBadRequest())
                    .andExpect(view().name("console/error"));
        }
        verifyNoInteractions(listDeliveries);
    }

    @Test
    void anAdminReplaysOneDeliveryAndReturnsToTheSameFilter() throws Exception {
        given(replayDeliveries.replay(any())).willReturn(1);

        http.perform(post(PAGE + "/replay")
                        .param("id", DEAD.value())
                        .param("sink", "webhook")
                        .param("state", "dead")
                        .param("app", APP.value())
                        .param("page", "2")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE + "?state=dead&app=" + APP.value() + "&page=2"))
                .andExpect(flash().attribute("notice", "console.deliveries.replayed"));

        verify(replayDeliveries).replay(new ReplayRequest.One("admin", DEAD, Sink.WEBHOOK));
    }

    @Test
    void aDeliveryThatWasNotReplayedSaysSo() throws Exception {
        given(replayDeliveries.replay(any())).willReturn(0);

        http.perform(post(PAGE + "/replay")
                        .param("id", DEAD.value())
                        .param("sink", "rabbitmq")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE + "?state=dead&page=1"))
                .andExpect(flash().attribute("problem", "console.deliveries.notReplayed"));

        verify(replayDeliveries).replay(new ReplayRequest.One("admin", DEAD, Sink.RABBITMQ));
    }

    @Test
    void anAdminReplaysEveryDeadDeliveryOfTheFilteredApp() throws Exception {
        given(replayDeliveries.replay(any())).willReturn(3);

        http.perform(post(PAGE + "/replay-dead")
                        .param("state", "dead")
                        .param("app", APP.value())
                        .param("page", "4")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE + "?state=dead&app=" + APP.value() + "&page=1"))
                .andExpect(flash().attribute("notice", "console.deliveries.replayedDeadOfApp"))
                .andExpect(flash().attribute("noticeCount", 3));

        verify(replayDeliveries).replay(new ReplayRequest.AllDead("admin", Optional.of(APP)));
    }

    @Test
    void anAdminReplaysEveryDeadDeliveryOfEveryApp() throws Exception {
        http.perform(post(PAGE + "/replay-dead").with(admin()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "console.deliveries.replayedDead"));

        verify(replayDeliveries).replay(new ReplayRequest.AllDead("admin", Optional.empty()));
    }

    @Test
    void theNoticeAfterAReplayIsWorded() throws Exception {
        http.perform(get(PAGE)
                        .flashAttr("notice", "console.deliveries.replayedDeadOfApp")
                        .flashAttr("noticeCount", 3)
                        .flashAttr("noticeApp", APP.value())
                        .with(admin()))
                .andExpect(content().string(containsString("3 dead deliveries of " + APP.value() + " are due again.")));
        http.perform(get(PAGE)
                        .param("lang", "zh-CN")
                        .flashAttr("notice", "console.deliveries.replayedDead")
                        .flashAttr("noticeCount", 2)
                        .with(admin()))
                .andExpect(content().string(containsString("推送投递")))
                .andExpect(content().string(containsString("2 条死信已重新排队。")))
                .andExpect(content().string(containsString("重新投递全部死信")));
    }

    @Test
    void aViewersReplayIsRefusedBeforeTheUseCase() throws Exception {
        http.perform(post(PAGE + "/replay")
                        .param("id", DEAD.value())
                        .param("sink", "webhook")
                        .with(viewer())
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/console/denied"));
        http.perform(post(PAGE + "/replay-dead").with(viewer()).with(csrf())).andExpect(status().isForbidden());

        verifyNoInteractions(replayDeliveries);
    }

    @Test
    void aReplayWithoutTheCsrfTokenIsRefused() throws Exception {
        http.perform(post(PAGE + "/replay-dead").with(admin())).andExpect(status().isForbidden());
        http.perform(post(PAGE + "/replay")
                        .param("id", DEAD.value())
                        .param("sink", "webhook")
                        .with(admin())
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());

        verifyNoInteractions(replayDeliveries);
    }

    @Test
    void aReplayOfNoRealDeliveryIsABadRequest() throws Exception {
        List<List<String>> bad = List.of(
                List.of("id", "not-a-uuid", "sink", "webhook"),
                List.of("id", DEAD.value().toUpperCase(), "sink", "webhook"),
                List.of("id", DEAD.value(), "sink", "email"),
                List.of("sink", "webhook"),
                List.of("id", DEAD.value()),
                List.of("id", DEAD.value(), "sink", "webhook", "state", "bogus"),
                List.of("id", DEAD.value(), "sink", "webhook", "page", "0"));
        for (List<String> params : bad) {
            var request = post(PAGE + "/replay").with(admin()).with(csrf());
            for (int i = 0; i < params.size(); i += 2) {
                request.param(params.get(i), params.get(i + 1));
            }
            http.perform(request).andExpect(status().isBadRequest()).andExpect(view().name("console/error"));
        }
        verifyNoInteractions(replayDeliveries);
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    private static RequestPostProcessor viewer() {
        return user("viewer").roles("VIEWER");
    }
}
