package dev.wxgate.adapters.web.console;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.testfixtures.data.Sessions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

/**
 * The console's pages over mocked use cases (dashboard, sessions, operators): who may see them, what they render, and
 * that a viewer's POST never reaches a use case.
 */
@WebMvcTest
class ConsolePagesWebTest extends ConsoleWebSlice {

    @Test
    void aVisitorIsSentToTheSignInPage() throws Exception {
        http.perform(get("/console")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/console/login"));
        http.perform(get("/console/login")).andExpect(status().isOk()).andExpect(view().name("console/login"));
    }

    @Test
    void theDashboardRendersForAViewer() throws Exception {
        http.perform(get("/console").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(view().name("console/dashboard"));
    }

    @Test
    void theSessionsPageListsWhatTheUseCaseFound() throws Exception {
        given(findSessions.find(any(), any()))
                .willReturn(new Page<>(
                        List.of(Sessions.session()
                                .user(7)
                                .in("wx0000000000000001", "oListedUser")
                                .build()),
                        1,
                        PageRequest.of(1, 50)));

        http.perform(get("/console/sessions").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(view().name("console/sessions"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("oListedUser")));
    }

    @Test
    void theOperatorsPageRendersForAnAdmin() throws Exception {
        http.perform(get("/console/operators").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(view().name("console/operators"));
    }

    @Test
    void aViewersRevocationIsRefusedBeforeTheUseCase() throws Exception {
        http.perform(post("/console/users/7/sessions/AAAAAAAAAAAAAAAAAAAAAA/revoke")
                        .param("reason", "left the company")
                        .with(csrf())
                        .with(user("viewer").roles("VIEWER")))
                .andExpect(status().isForbidden());

        verifyNoInteractions(revokeSessions);
    }
}
