package dev.wxgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.app.WechatApps;
import dev.wxgate.sandbox.SandboxApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** Once a real app is configured the sandbox is off: nothing of it is served or wired. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxgate.apps[0].app-id=wx0123456789abcdef",
            "wxgate.apps[0].secret=0123456789abcdef0123456789abcdef",
            "wxgate.wechat.base-url=http://127.0.0.1:9"
        })
@ActiveProfiles("test")
class RealAppsTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void theSandboxIsOffAndWxgateServesTheConfiguredApps() throws Exception {
        assertThat(context.getBeanNamesForType(SandboxApps.class)).isEmpty();
        assertThat(context.getBean(WechatApps.class).all())
                .extracting(app -> app.appId().value())
                .containsExactly("wx0123456789abcdef");
        HttpResponse<String> sandbox = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_sandbox/apps"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(sandbox.statusCode()).isEqualTo(401);
    }
}
