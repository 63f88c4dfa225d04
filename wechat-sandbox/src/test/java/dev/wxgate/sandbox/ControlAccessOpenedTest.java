package dev.wxgate.sandbox;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** With {@code wxgate.sandbox.control-from=any} the control API answers every client (a sandbox in a container). */
@SpringBootTest(classes = WechatSandboxApplication.class, properties = "wxgate.sandbox.control-from=any")
@AutoConfigureMockMvc
class ControlAccessOpenedTest {
    @Autowired
    MockMvc mvc;

    @Test
    void controlCallsFromAnotherHostAreServed() throws Exception {
        mvc.perform(get("/_sandbox/apps").with(ControlAccessTest.from("203.0.113.9")))
                .andExpect(status().isOk());
    }
}
