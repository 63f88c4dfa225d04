package dev.wxgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The standalone sandbox's control API answers clients on this host only, unless
 * {@code wxgate.sandbox.control-from=any}; WeChat's endpoints answer everyone.
 */
@SpringBootTest(classes = WechatSandboxApplication.class)
@AutoConfigureMockMvc
class ControlAccessTest {
    static final String MINI = "wxa1b2c3d4e5f60001";
    static final String MINI_SECRET = "5a4d0b0c1e2f3a4b5c6d7e8f90a10001";

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    SandboxEngine engine;

    @Test
    void controlCallsFromAnotherHostAreRefusedAndChangeNothing() throws Exception {
        engine.reset();
        for (String address : List.of("203.0.113.9", "10.0.0.7", "2001:db8::1")) {
            mvc.perform(post("/_sandbox/clock/advance")
                            .with(from(address))
                            .contentType("application/json")
                            .content("{\"seconds\": 3600}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.error")
                            .value(org.hamcrest.Matchers.containsString("wxgate.sandbox.control-from=any")));
            mvc.perform(get("/_sandbox/apps").with(from(address))).andExpect(status().isForbidden());
            mvc.perform(post("/_sandbox/reset").with(from(address))).andExpect(status().isForbidden());
            mvc.perform(post("/_sandbox/apps/" + MINI + "/push")
                            .with(from(address))
                            .contentType("application/json")
                            .content("{\"url\": \"http://127.0.0.1:1/wx/callback/" + MINI + "\"}"))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/_sandbox/no-such-thing").with(from(address))).andExpect(status().isForbidden());
        }
        assertThat(engine.clockOffset().toSeconds())
                .as("the clock was not advanced")
                .isZero();
    }

    @Test
    void aLoopbackCallThroughAProxyIsNotLocal() throws Exception {
        mvc.perform(get("/_sandbox/apps").with(from("127.0.0.1")).header("X-Forwarded-For", "203.0.113.9"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/_sandbox/apps").with(from("127.0.0.1")).header("Forwarded", "for=203.0.113.9"))
                .andExpect(status().isForbidden());
    }

    @Test
    void controlCallsFromThisHostAreServed() throws Exception {
        for (String address : List.of("127.0.0.1", "127.0.0.2", "0:0:0:0:0:0:0:1", "::1")) {
            mvc.perform(get("/_sandbox/apps").with(from(address))).andExpect(status().isOk());
        }
    }

    @Test
    void wechatsEndpointsAnswerEveryone() throws Exception {
        mvc.perform(get("/cgi-bin/token")
                        .with(from("203.0.113.9"))
                        .param("grant_type", "client_credential")
                        .param("appid", MINI)
                        .param("secret", MINI_SECRET))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.access_token").isString());
    }
}
