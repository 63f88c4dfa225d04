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

import dev.wxgate.application.audit.ReadAuditLog;
import dev.wxgate.application.callback.ReadCallbackLog;
import dev.wxgate.application.delivery.ListDeliveries;
import dev.wxgate.application.delivery.ReplayDeliveries;
import dev.wxgate.application.operator.ManageOperators;
import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.application.session.FindSessions;
import dev.wxgate.application.session.RevokeSessions;
import dev.wxgate.application.token.ForceRefreshAccessToken;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.application.user.FindUsers;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.operator.PasswordHasher;
import dev.wxgate.testfixtures.data.Sessions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's pages over mocked use cases (dashboard, sessions, operators): who may see them, what they render, and
 * that a viewer's POST never reaches a use case.
 */
@WebMvcTest
class ConsolePagesWebTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    RecordOperatorSignIn signIns;

    @MockitoBean
    PasswordHasher hasher;

    @MockitoBean
    ViewTokenStatus tokenStatus;

    @MockitoBean
    ViewTicketStatus ticketStatus;

    @MockitoBean
    ForceRefreshAccessToken forceRefresh;

    @MockitoBean
    FindSessions findSessions;

    @MockitoBean
    RevokeSessions revokeSessions;

    @MockitoBean
    FindUsers findUsers;

    @MockitoBean
    ReadAuditLog auditLog;

    @MockitoBean
    ReadCallbackLog callbackLog;

    @MockitoBean
    ManageOperators operators;

    @MockitoBean
    ListDeliveries listDeliveries;

    @MockitoBean
    ReplayDeliveries replayDeliveries;

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
