package dev.wxgate.adapters.web.console;

import dev.wxgate.application.activity.ViewActivity;
import dev.wxgate.application.audit.ReadAuditLog;
import dev.wxgate.application.audit.ReadTokenReads;
import dev.wxgate.application.callback.ReadCallbackLog;
import dev.wxgate.application.delivery.ListDeliveries;
import dev.wxgate.application.delivery.ReplayDeliveries;
import dev.wxgate.application.operator.ManageOperators;
import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.application.session.FindSessions;
import dev.wxgate.application.session.RevokeSessions;
import dev.wxgate.application.token.ClearQuota;
import dev.wxgate.application.token.ForceRefreshAccessToken;
import dev.wxgate.application.token.ViewTicketStatus;
import dev.wxgate.application.token.ViewTokenStatus;
import dev.wxgate.application.user.FindUsers;
import dev.wxgate.domain.operator.PasswordHasher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's web slice: every use case a console controller takes, mocked, so that each page's {@code @WebMvcTest}
 * starts the whole console (its security chain and all its controllers) and stubs only what its page reads.
 */
abstract class ConsoleWebSlice {
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
    ViewActivity activity;

    @MockitoBean
    ForceRefreshAccessToken forceRefresh;

    @MockitoBean
    ClearQuota clearQuota;

    @MockitoBean
    FindSessions findSessions;

    @MockitoBean
    RevokeSessions revokeSessions;

    @MockitoBean
    FindUsers findUsers;

    @MockitoBean
    ReadAuditLog auditLog;

    @MockitoBean
    ReadTokenReads tokenReads;

    @MockitoBean
    ReadCallbackLog callbackLog;

    @MockitoBean
    ManageOperators operators;

    @MockitoBean
    ListDeliveries listDeliveries;

    @MockitoBean
    ReplayDeliveries replayDeliveries;
}
