package dev.wxgate.application.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorRole;
import dev.wxgate.domain.operator.PasswordHasher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProvisionFirstAdminTest {
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final PasswordHasher HASHER = new FakePasswordHasher();

    private final FakeOperatorDirectory directory = new FakeOperatorDirectory();
    private final AtomicInteger generated = new AtomicInteger();
    private final ProvisionFirstAdmin provision =
            new ProvisionFirstAdmin(directory, HASHER, Clock.fixed(NOW, ZoneOffset.UTC), () -> {
                generated.incrementAndGet();
                return "Generated2345678abcd";
            });

    @Test
    void anEmptyDirectoryGetsAnAdminWithAGeneratedPasswordToShowOnce() {
        Optional<FirstAdmin> admin = provision.provision(Optional.empty());

        assertThat(admin).contains(new FirstAdmin("admin", Optional.of("Generated2345678abcd")));
        assertThat(directory.all())
                .containsExactly(Operator.created("admin", "hashed(Generated2345678abcd)", OperatorRole.ADMIN, NOW));
    }

    @Test
    void aPresetPasswordIsUsedAndNotHandedBack() {
        Optional<FirstAdmin> admin = provision.provision(Optional.of("correct horse battery"));

        assertThat(admin).contains(new FirstAdmin("admin", Optional.empty()));
        assertThat(directory.find("admin")).map(Operator::passwordHash).contains("hashed(correct horse battery)");
        assertThat(generated).hasValue(0);
    }

    @Test
    void anyExistingOperatorMeansNoneIsProvisioned() {
        directory.add(Operator.created("alice", "h", OperatorRole.VIEWER, NOW));

        assertThat(provision.provision(Optional.empty())).isEmpty();
        assertThat(directory.all()).extracting(Operator::username).containsExactly("alice");
        assertThat(generated).hasValue(0);
    }

    @Test
    void aNodeThatLosesTheRaceProvisionsNothing() {
        directory.beforeAdd = () -> {
            directory.beforeAdd = () -> {};
            directory.add(Operator.created("admin", "the other node's", OperatorRole.ADMIN, NOW));
        };

        assertThat(provision.provision(Optional.empty())).isEmpty();
        assertThat(directory.find("admin")).map(Operator::passwordHash).contains("the other node's");
    }

    @Test
    void aShortPresetPasswordIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> provision.provision(Optional.of("elevenchars")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first admin's preset password must be at least 12 characters");
        assertThatThrownBy(() -> provision.provision(Optional.of(" ".repeat(12))))
                .hasMessage("the first admin's preset password must not be blank");
        assertThat(directory.isEmpty()).isTrue();
    }

    @Test
    void aPresetPasswordLongerThanBcryptReadsIsRefused() {
        assertThat(provision.provision(Optional.of("p".repeat(72)))).isPresent();
        assertThatThrownBy(() -> provision.provision(Optional.of("密".repeat(25))))
                .hasMessage("the first admin's preset password must be at most 72 bytes (UTF-8)");
    }

    @Test
    void randomPasswordsAreTwentyCharactersWithoutLookAlikes() {
        Set<String> passwords = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = ProvisionFirstAdmin.randomPassword();
            assertThat(password).hasSize(20).matches("[A-Za-z2-9]+").doesNotContainPattern("[0O1lIo]");
            passwords.add(password);
        }

        assertThat(passwords).hasSize(200);
    }

    @Test
    void theFirstAdminNeverPrintsItsPassword() {
        FirstAdmin admin = new FirstAdmin("admin", Optional.of("Generated2345678abcd"));

        assertThat(admin.toString()).contains("admin").doesNotContain("Generated2345678abcd");
    }
}
