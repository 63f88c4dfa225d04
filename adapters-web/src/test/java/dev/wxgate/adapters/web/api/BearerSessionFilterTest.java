package dev.wxgate.adapters.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.wxgate.application.session.AuthenticateSession;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.session.SessionToken;
import jakarta.servlet.FilterChain;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

class BearerSessionFilterTest {
    private static final String TOKEN = "A".repeat(42) + "_";

    private final AuthenticateSession authenticate = mock(AuthenticateSession.class);
    private final BearerSessionFilter filter = new BearerSessionFilter(authenticate);
    private final FilterChain chain = mock(FilterChain.class);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        request.addHeader("Authorization", authorization);
        return request;
    }

    @Test
    void theSchemeIsCaseInsensitive() throws Exception {
        when(authenticate.authenticate(any())).thenReturn(Optional.empty());

        filter.doFilter(request("bearer " + TOKEN), new MockHttpServletResponse(), chain);

        verify(authenticate).authenticate(new SessionToken(TOKEN));
    }

    @Test
    void aTokenOfTheWrongShapeIsNotLookedUp() throws Exception {
        filter.doFilter(request("Bearer short"), new MockHttpServletResponse(), chain);
        filter.doFilter(request("Basic " + TOKEN), new MockHttpServletResponse(), chain);

        verifyNoInteractions(authenticate);
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void anUnreachableStoreIs503NotA500() throws Exception {
        when(authenticate.authenticate(any())).thenThrow(new StoreUnavailableException("redis is down", null));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request("Bearer " + TOKEN), response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("\"error\":\"store_unavailable\"");
        verifyNoInteractions(chain);
    }
}
