package dev.wxgate.adapters.web.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.wxgate.application.activity.SeriesDay;
import dev.wxgate.application.activity.ViewActivity;
import dev.wxgate.domain.activity.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

/** The Activity page over a mocked use case: a chart per series, for a VIEWER as for an ADMIN, in both languages. */
@WebMvcTest
class ActivityPageWebTest extends ConsoleWebSlice {
    private static final String PAGE = "/console/activity";
    private static final Instant FROM = Instant.parse("2026-04-30T12:40:00Z");

    @BeforeEach
    void aDayOfActivity() {
        given(activity.lastDay())
                .willReturn(Arrays.stream(Series.values())
                        .map(series -> {
                            List<Long> values = new ArrayList<>(Collections.nCopies(ViewActivity.BUCKETS, 0L));
                            if (series == Series.LOGINS) {
                                values.set(100, 1_234L);
                                values.set(143, 5L);
                            }
                            if (series == Series.ACTIVE_SESSIONS) {
                                values.set(143, 42L);
                            }
                            return new SeriesDay(series, FROM, values);
                        })
                        .toList());
    }

    @Test
    void aViewerSeesAChartPerSeriesWithItsTotals() throws Exception {
        http.perform(get(PAGE).with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(view().name("console/activity"))
                .andExpect(content().string(containsString("id=\"chart-logins\"")))
                .andExpect(content().string(containsString("data-total=\"1239\"")))
                .andExpect(content().string(containsString("data-bars=\"2\"")))
                .andExpect(content().string(containsString("viewBox=\"0 0 288.0 86.0\"")))
                .andExpect(content()
                        .string(containsString("Logins: 1,239 in the last 24 hours, at most 1,234 in 10 minutes.")))
                .andExpect(
                        content().string(containsString("Active sessions: at most 42 at once in the last 24 hours.")))
                .andExpect(content().string(containsString("id=\"chart-pushes-delivered\"")))
                .andExpect(content().string(containsString("max 1,234")))
                .andExpect(content().string(containsString("at most 42 in 24 h")))
                .andExpect(content().string(containsString("href=\"/console/activity\"")))
                .andExpect(content().string(not(containsString("??"))));
    }

    @Test
    void anAdminSeesTheSamePage() throws Exception {
        http.perform(get(PAGE).with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"chart-token-refresh-failures\"")))
                .andExpect(content().string(containsString("class=\"bar\"")));
    }

    @Test
    void theChartsSpeakChinese() throws Exception {
        http.perform(get(PAGE).param("lang", "zh-CN").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("登录：最近 24 小时共 1,239")))
                .andExpect(content().string(containsString("已投递的推送")))
                .andExpect(content().string(not(containsString("??"))));
    }

    @Test
    void anAnonymousVisitorIsSentToSignIn() throws Exception {
        http.perform(get(PAGE)).andExpect(status().isFound()).andExpect(redirectedUrl("/console/login"));
    }
}
