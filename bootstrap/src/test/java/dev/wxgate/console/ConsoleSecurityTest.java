package dev.wxgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wxgate.application.operator.RecordOperatorSignIn;
import dev.wxgate.domain.audit.AuditEntry;
import dev.wxgate.domain.audit.AuditKind;
import dev.wxgate.domain.audit.AuditLog;
import dev.wxgate.domain.audit.AuditQuery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import dev.wxgate.domain.operator.SignInThrottle;
import dev.wxgate.testfixtures.delivery.ListedPushOutbox;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The console's security rules on the whole application (H2, the sandbox's apps): who reaches which page, who may act,
 * CSRF, sign-in and lockout, headers, and bad input answered with pages, never a 500.
 */
@SpringBootTest(
        classes = dev.wxgate.bootstrap.WxgateApplication.class,
        properties = "WXGATE_ADMIN_PASSWORD=" + ConsoleSecurityTest.ADMIN_PASSWORD)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ConsoleSecurityTest {
    static final String ADMIN_PASSWORD = "console-test-password-1";
    static final String APP = "wxa1b2c3d4e5f60001";

    @Autowired
    MockMvc mvc;

    @Autowired
    OperatorDirectory operators;

    @Autowired
    PasswordHasher hasher;

    @Autowired
    AuditLog audit;

    @Autowired
    SignInThrottle throttle;

    /** The outbox the Deliveries page reads and replays: a list this test puts deliveries in. */
    @TestBean
    PushOutbox outbox;

    static final ListedPushOutbox OUTBOX = new ListedPushOutbox();

    static PushOutbox outbox() {
        return OUTBOX;
    }

    static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    static RequestPostProcessor viewer() {
        return user("watcher").roles("VIEWER");
    }

    /**
     * A client address of this test's own (documentation range, a /64 of its own as locks count IPv6 clients by /64),
     * so that tests do not share address counts.
     */
    static String newAddress() {
        return "2001:db8:" + UUID.randomUUID().toString().substring(0, 4) + "::1";
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() throws Exception {
        for (String page :
                List.of("/console", "/console/sessions", "/console/users/1", "/console/audit", "/console/deliveries")) {
            mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/console/login"));
        }
        mvc.perform(get("/console/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        mvc.perform(get("/console/assets/console.css")).andExpect(status().isOk());
    }

    @Test
    void anonymousActionsAreRedirectedNotPerformed() throws Exception {
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", "x")
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login"));
    }

    @Test
    void theFirstAdminSignsInWithThePresetPasswordAndTheSignInIsAudited() throws Exception {
        MvcResult signedIn = mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD)
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console"))
                .andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
        assertThat(session).isNotNull();
        assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);

        mvc.perform(get("/console").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(APP)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Force refresh")));
        assertThat(latest(AuditKind.CONSOLE_LOGIN))
                .anySatisfy(entry -> assertThat(entry.event().actor()).isEqualTo("admin"));

        mvc.perform(post("/console/logout").session(session).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?logout"));
        mvc.perform(get("/console").session(session)).andExpect(status().isFound());
    }

    @Test
    void signingInWithoutCsrfIsForbidden() throws Exception {
        mvc.perform(post("/console/login").param("username", "admin").param("password", ADMIN_PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD)
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
    }

    @Test
    void repeatedFailuresLockTheOperatorEvenAgainstTheRightPassword() throws Exception {
        String name = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        String address = newAddress();
        operators.add(Operator.created(name, hasher.hash("the-right-password"), OperatorRole.VIEWER, Instant.now()));
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/console/login")
                            .param("username", name)
                            .param("password", "wrong")
                            .with(from(address))
                            .with(csrf()))
                    .andExpect(redirectedUrl("/console/login?error"));
        }
        assertThat(throttle.operatorLockedUntil(name, RecordOperatorSignIn.addressKey(address)))
                .hasValueSatisfying(until -> assertThat(until).isAfter(Instant.now()));
        mvc.perform(post("/console/login")
                        .param("username", name)
                        .param("password", "the-right-password")
                        .with(from(address))
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/login?error"));
        assertThat(latest(AuditKind.CONSOLE_LOGIN_FAILED))
                .filteredOn(entry -> entry.event().actor().equals(name))
                .hasSizeGreaterThanOrEqualTo(6)
                .anySatisfy(entry -> assertThat(entry.event().detail())
                        .hasValueSatisfying(detail -> assertThat(detail).contains("locked until")));
    }

    @Test
    void theAdminLockedOutFromAnAttackersAddressSignsInFromAnotherOne() throws Exception {
        String attacker = newAddress();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/console/login")
                            .param("username", "admin")
                            .param("password", "a-guess-" + i)
                            .with(from(attacker))
                            .with(csrf()))
                    .andExpect(redirectedUrl("/console/login?error"));
        }
        mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD)
                        .with(from(attacker))
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/login?error"));

        mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD)
                        .with(from(newAddress()))
                        .with(csrf()))
                .andExpect(redirectedUrl("/console"));

        // Still locked from the attacker's address, and shown so on the operators page; the audit log says from where.
        assertThat(throttle.operatorLockedUntil("admin", RecordOperatorSignIn.addressKey(attacker)))
                .hasValueSatisfying(until -> assertThat(until).isAfter(Instant.now()));
        mvc.perform(get("/console/operators").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(", from 1 address<")));
        assertThat(latest(AuditKind.CONSOLE_LOGIN_FAILED))
                .filteredOn(entry -> entry.event().detail().orElse("").contains("from " + attacker))
                .hasSizeGreaterThanOrEqualTo(6)
                .anySatisfy(entry -> assertThat(entry.event().detail())
                        .hasValueSatisfying(detail -> assertThat(detail).contains(", locked until ")));
        throttle.clearOperator("admin");
    }

    @Test
    void anAddressPastItsLimitIsRefusedForEveryUsernameEvenWithTheRightPassword() throws Exception {
        String address = newAddress();
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/console/login")
                            .param("username", "guess-" + i)
                            .param("password", "a-guess")
                            .with(from(address))
                            .with(csrf()))
                    .andExpect(redirectedUrl("/console/login?error"));
        }

        mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD)
                        .with(from(address))
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/login?error"));
        assertThat(throttle.operatorLockedUntil("admin", RecordOperatorSignIn.addressKey(address)))
                .isEmpty();
        mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD)
                        .with(from(newAddress()))
                        .with(csrf()))
                .andExpect(redirectedUrl("/console"));
        assertThat(latest(AuditKind.CONSOLE_LOGIN_FAILED))
                .filteredOn(entry -> entry.event().detail().orElse("").contains("from " + address))
                .hasSize(21)
                .anySatisfy(entry -> assertThat(entry.event().detail())
                        .hasValueSatisfying(detail -> assertThat(detail).contains(", address locked until ")))
                .anySatisfy(entry -> assertThat(entry.event().detail())
                        .hasValueSatisfying(detail -> assertThat(detail).contains(", address already locked until ")));
    }

    @Test
    void anUnknownNameOrAnOverlongPasswordIsAFailedSignInNotAnError() throws Exception {
        mvc.perform(post("/console/login")
                        .param("username", "nobody")
                        .param("password", "x")
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/login?error"));
        mvc.perform(post("/console/login")
                        .param("username", "admin")
                        .param("password", ADMIN_PASSWORD + "x".repeat(200))
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/login?error"));
        mvc.perform(post("/console/login")
                        .param("username", "<script>\u0000")
                        .param("password", "")
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/login?error"));
        assertThat(latest(AuditKind.CONSOLE_LOGIN_FAILED))
                .extracting(entry -> entry.event().actor())
                .doesNotContain("nobody")
                .contains(RecordOperatorSignIn.UNKNOWN_OPERATOR);
    }

    @Test
    void aViewerReadsEveryPageButMayNotAct() throws Exception {
        for (String page : List.of(
                "/console",
                "/console/sessions",
                "/console/users",
                "/console/audit",
                "/console/callbacks",
                "/console/deliveries",
                "/console/activity")) {
            mvc.perform(get(page).with(viewer()))
                    .andExpect(status().isOk())
                    .andExpect(content()
                            .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Force refresh"))));
        }
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", "try")
                        .with(viewer())
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/console/denied"));
        mvc.perform(get("/console/denied").with(viewer()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Not allowed")));
        mvc.perform(post("/console/users/1/sessions/revoke-all").with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/deliveries/replay-dead").with(viewer()).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdminReplaysTheDeadDeliveriesOfAnAppAndTheAuditLogSaysSo() throws Exception {
        DeliveryId dead = DeliveryId.random();
        OUTBOX.put(ListedPushOutbox.delivery(dead, DeliveryState.DEAD, 9));
        String app = ListedPushOutbox.APP.value();
        mvc.perform(get("/console/deliveries").param("app", app).with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(dead.value())))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"replay-dead\"")));

        mvc.perform(post("/console/deliveries/replay-dead")
                        .param("state", "dead")
                        .param("app", app)
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/deliveries?state=dead&app=" + app + "&page=1"));

        assertThat(OUTBOX.find(dead, Sink.WEBHOOK).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
        assertThat(latest(AuditKind.DELIVERY_REPLAYED)).anySatisfy(entry -> {
            assertThat(entry.event().actor()).isEqualTo("admin");
            assertThat(entry.event().appId()).contains(ListedPushOutbox.APP);
            assertThat(entry.event().detail())
                    .hasValueSatisfying(detail -> assertThat(detail).endsWith("due again"));
        });
        mvc.perform(get("/console/audit").param("kind", "delivery_replayed").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Delivery replayed")));
    }

    @Test
    void anAdminActionNeedsAValidCsrfToken() throws Exception {
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", "try")
                        .with(admin()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", "try")
                        .with(admin())
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdminForcesARefreshWithAReasonAndTheAuditLogSaysSo() throws Exception {
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", "   ")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console#" + APP));
        assertThat(latest(AuditKind.TOKEN_FORCE_REFRESH))
                .noneMatch(entry -> entry.event().reason().isEmpty());

        String reason = "rotated the secret " + UUID.randomUUID();
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", reason)
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console#" + APP));
        assertThat(latest(AuditKind.TOKEN_FORCE_REFRESH)).anySatisfy(entry -> {
            assertThat(entry.event().actor()).isEqualTo("admin");
            assertThat(entry.event().reason()).contains(reason);
        });
        mvc.perform(post("/console/apps/" + APP + "/refresh")
                        .param("reason", "x".repeat(501))
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound());
    }

    @Test
    void unknownThingsAreA404PageAndNeverAStackTrace() throws Exception {
        for (String page : List.of(
                "/console/users/999999",
                "/console/users/abc",
                "/console/users/-1",
                "/console/nope",
                "/console/sessions/x/y")) {
            mvc.perform(get(page).with(admin()))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith("text/html"))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("Not found")))
                    .andExpect(content()
                            .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
        }
        mvc.perform(post("/console/apps/wx0000000000000000/refresh")
                        .param("reason", "x")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/console/apps/not-an-app/refresh")
                        .param("reason", "x")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/console/users/1/sessions/" + "A".repeat(22) + "/revoke")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/sessions"));
        mvc.perform(post("/console/users/1/sessions/bad!/revoke").with(admin()).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void outOfRangeQueriesAreClampedOrAnsweredWith400NeverA500() throws Exception {
        for (String page : List.of(
                "/console/sessions?page=-5",
                "/console/sessions?page=99999999999999",
                "/console/sessions?page=abc",
                "/console/users?page=0",
                "/console/audit?before=-1&kind=bogus&app=nope",
                "/console/audit?before=99999999999999999999",
                "/console/callbacks?show=everything")) {
            mvc.perform(get(page).with(admin())).andExpect(status().isOk());
        }
        mvc.perform(get("/console/sessions")
                        .param("q", "<script>alert(1)</script>")
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>alert"))));
        mvc.perform(get("/console/users").param("app", "wx0000000000000000").with(admin()))
                .andExpect(status().isBadRequest());
        for (String page : List.of(
                "/console/deliveries?state=everything",
                "/console/deliveries?app=nope",
                "/console/deliveries?page=0",
                "/console/deliveries?page=99999999999999")) {
            mvc.perform(get(page).with(admin()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("text/html"));
        }
        mvc.perform(post("/console/deliveries/replay")
                        .param("id", "not-a-delivery")
                        .param("sink", "webhook")
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aRevokeCannotBeMadeToRedirectElsewhere() throws Exception {
        mvc.perform(post("/console/users/1/sessions/revoke-all")
                        .param("back", "https://evil.example/")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/sessions"));
        mvc.perform(post("/console/users/1/sessions/revoke-all")
                        .param("back", "/console/users/1")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/users/1"));
    }

    @Test
    void pagesCarryStrictSecurityHeadersAndAConsoleScopedCookie() throws Exception {
        mvc.perform(get("/console").with(admin()))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")));
    }

    @Test
    void theLanguageFollowsTheBrowserAndTheSwitch() throws Exception {
        mvc.perform(get("/console/login").header("Accept-Language", "zh-CN,zh;q=0.9"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("管理控制台")));
        mvc.perform(get("/console/login").header("Accept-Language", "de-DE"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Admin console")));
        mvc.perform(get("/console/login").param("lang", "zh-CN").header("Accept-Language", "en"))
                .andExpect(cookie().value("WXGATE_LANG", "zh-CN"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("管理控制台")));
        mvc.perform(get("/console/login").cookie(new jakarta.servlet.http.Cookie("WXGATE_LANG", "zh-CN")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("管理控制台")));
        mvc.perform(get("/console/login").param("lang", "xx"))
                .andExpect(status().isOk())
                .andExpect(cookie().doesNotExist("WXGATE_LANG"));
    }

    @Test
    void theMachineFacingApisAreUnchangedByTheConsoleChain() throws Exception {
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
        mvc.perform(get("/internal/v1/apps/" + APP + "/access-token")).andExpect(status().isUnauthorized());
        // A path nothing serves is 404 before authentication (see ErrorShapeTest).
        mvc.perform(get("/nothing-here")).andExpect(status().isNotFound());
    }

    @Test
    void aViewerSeesTheOperatorsButOnlyChangesTheirOwnPassword() throws Exception {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        operators.add(Operator.created(name, hasher.hash("the-first-password"), OperatorRole.VIEWER, Instant.now()));
        RequestPostProcessor asViewer = user(name).roles("VIEWER");

        mvc.perform(get("/console/operators").with(asViewer))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(name)))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("add-operator"))));
        mvc.perform(post("/console/operators")
                        .param("username", "sneaky")
                        .param("role", "admin")
                        .param("password", "a-long-enough-password")
                        .with(asViewer)
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(operators.find("sneaky")).isEmpty();

        mvc.perform(post("/console/account/password")
                        .param("current", "wrong-password-here")
                        .param("password", "the-second-password")
                        .param("repeat", "the-second-password")
                        .with(asViewer)
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/account"));
        assertThat(hasher.matches(
                        "the-first-password", operators.find(name).orElseThrow().passwordHash()))
                .isTrue();

        mvc.perform(post("/console/account/password")
                        .param("current", "the-first-password")
                        .param("password", "the-second-password")
                        .param("repeat", "the-second-password")
                        .with(asViewer)
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/account"));
        assertThat(hasher.matches(
                        "the-second-password",
                        operators.find(name).orElseThrow().passwordHash()))
                .isTrue();
        assertThat(latest(AuditKind.OPERATOR_CHANGED))
                .anySatisfy(entry -> assertThat(entry.event().actor()).isEqualTo(name))
                .allSatisfy(entry -> assertThat(entry.event().toString()).doesNotContain("the-second-password"));
    }

    @Test
    void anAdminAddsResetsAndRemovesOperatorsButNeverThemselves() throws Exception {
        String name = "new-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/console/operators")
                        .param("username", name)
                        .param("role", "viewer")
                        .param("password", "short")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/operators"));
        assertThat(operators.find(name)).isEmpty();

        mvc.perform(post("/console/operators")
                        .param("username", name)
                        .param("role", "viewer")
                        .param("password", "a-long-enough-password")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/operators"));
        assertThat(operators.find(name))
                .hasValueSatisfying(added -> assertThat(added.role()).isEqualTo(OperatorRole.VIEWER));

        throttle.recordOperatorFailure(name, "192.0.2.1");
        throttle.lockOperator(name, "192.0.2.1", Instant.now().plusSeconds(600));
        mvc.perform(post("/console/operators/" + name + "/password")
                        .param("password", "another-long-password")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/operators"));
        assertThat(throttle.operatorLockedUntil(name, "192.0.2.1")).isEmpty();

        mvc.perform(post("/console/operators/" + name + "/remove").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/console/operators"));
        assertThat(operators.find(name)).isEmpty();

        mvc.perform(post("/console/operators/admin/remove").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/console/operators"));
        assertThat(operators.find("admin")).isPresent();
    }

    @Test
    void aUsernameTakenInAnotherCaseIsRefused() throws Exception {
        mvc.perform(post("/console/operators")
                        .param("username", "ADMIN")
                        .param("role", "admin")
                        .param("password", "a-long-enough-password")
                        .with(admin())
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/operators"))
                .andExpect(flash().attribute("problem", "console.operators.refused.USERNAME_TAKEN"));

        assertThat(operators.find("ADMIN")).isEmpty();
        assertThat(operators.all())
                .extracting(Operator::username)
                .filteredOn(username -> username.equalsIgnoreCase("admin"))
                .containsExactly("admin");
    }

    @Test
    void anUnknownRoleIsA400NextToTheFieldNeverASilentViewer() throws Exception {
        String name = "role-" + UUID.randomUUID().toString().substring(0, 8);
        for (String role : List.of("root", "ADMIN", "")) {
            mvc.perform(post("/console/operators")
                            .param("username", name)
                            .param("role", role)
                            .param("password", "a-long-enough-password")
                            .with(admin())
                            .with(csrf()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"role-error\"")))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("aria-invalid=\"true\"")));
        }

        assertThat(operators.find(name)).isEmpty();
    }

    @Test
    void anOperatorsOpenSessionsEndWhenTheirPasswordIsSetOrTheyAreRemovedButNotWhenTheyChangeItThemselves()
            throws Exception {
        String name = "moved-" + UUID.randomUUID().toString().substring(0, 8);
        operators.add(Operator.created(name, hasher.hash("the-first-password"), OperatorRole.VIEWER, Instant.now()));
        MockHttpSession session = signIn(name, "the-first-password");
        mvc.perform(get("/console").session(session)).andExpect(status().isOk());

        mvc.perform(post("/console/account/password")
                        .session(session)
                        .param("current", "the-first-password")
                        .param("password", "the-second-password")
                        .param("repeat", "the-second-password")
                        .with(csrf()))
                .andExpect(redirectedUrl("/console/account"));
        mvc.perform(get("/console").session(session)).andExpect(status().isOk());

        operators.changePassword(name, hasher.hash("set-by-an-admin-1"));
        mvc.perform(get("/console").session(session)).andExpect(redirectedUrl("/console/login?ended"));

        MockHttpSession again = signIn(name, "set-by-an-admin-1");
        operators.remove(name);
        mvc.perform(get("/console/sessions").session(again)).andExpect(redirectedUrl("/console/login?ended"));
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        MvcResult result = mvc.perform(post("/console/login")
                        .param("username", username)
                        .param("password", password)
                        .with(csrf()))
                .andExpect(redirectedUrl("/console"))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private List<AuditEntry> latest(AuditKind kind) {
        return audit.find(AuditQuery.latest(100).ofKind(kind));
    }
}
