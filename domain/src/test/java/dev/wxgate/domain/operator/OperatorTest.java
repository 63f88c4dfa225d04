package dev.wxgate.domain.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorTest {
    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    private static final String HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private static Operator named(String username) {
        return Operator.created(username, HASH, OperatorRole.ADMIN, AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "alice.smith", "ops_team-1", "alice@example.com", "A"})
    void usernamesOfLettersDigitsAndDotUnderscoreAtHyphenAreAccepted(String username) {
        assertThat(named(username).username()).isEqualTo(username);
        assertThat(Operator.isValidUsername(username)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"al ice", "alice\n", "ali/ce", "阿丽丝", "alice'--", "<script>"})
    void otherUsernamesAreRejectedByName(String username) {
        assertThatThrownBy(() -> named(username)).hasMessageStartingWith("username");
        assertThat(Operator.isValidUsername(username)).isFalse();
    }

    @Test
    void usernamesAreAtMost64Characters() {
        assertThat(named("a".repeat(64)).username()).hasSize(64);
        assertThatThrownBy(() -> named("a".repeat(65))).hasMessageContaining("username must be 1 to 64");
        assertThat(Operator.isValidUsername("a".repeat(65))).isFalse();
    }

    @Test
    void theHashIsRequiredAndBounded() {
        assertThatThrownBy(() -> Operator.created("alice", null, OperatorRole.ADMIN, AT))
                .hasMessage("passwordHash is required");
        assertThatThrownBy(() -> Operator.created("alice", "  ", OperatorRole.ADMIN, AT))
                .hasMessage("passwordHash must be 1 to 255 characters");
        assertThatThrownBy(() -> Operator.created("alice", "h".repeat(256), OperatorRole.ADMIN, AT))
                .hasMessage("passwordHash must be 1 to 255 characters");
    }

    @Test
    void otherFieldsAreRequiredByName() {
        assertThatThrownBy(() -> Operator.created("alice", HASH, null, AT)).hasMessage("role is required");
        assertThatThrownBy(() -> Operator.created("alice", HASH, OperatorRole.ADMIN, null))
                .hasMessage("createdAt is required");
        assertThatThrownBy(() -> new Operator("alice", HASH, OperatorRole.ADMIN, AT, null))
                .hasMessage("lastLoginAt is required");
    }

    @Test
    void toStringNeverShowsTheHash() {
        Operator operator = named("alice");

        assertThat(operator.toString())
                .contains("alice")
                .contains("passwordHash=****")
                .doesNotContain("$2a$");
    }

    @Test
    void aNewOperatorHasNoLogin() {
        assertThat(named("alice").lastLoginAt()).isEmpty();
    }

    @Test
    void usernamesFoldToLowerCaseForUniqueness() {
        assertThat(Operator.folded("Alice.Smith@EXAMPLE.com")).isEqualTo("alice.smith@example.com");
        assertThat(Operator.folded("ADMIN")).isEqualTo(Operator.folded("admin"));
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        Instant fine = Instant.parse("2026-11-24T08:00:00.123456789Z");
        Instant micros = Instant.parse("2026-11-24T08:00:00.123456Z");

        Operator operator = new Operator("alice", HASH, OperatorRole.ADMIN, fine, Optional.of(fine));

        assertThat(operator.createdAt()).isEqualTo(micros);
        assertThat(operator.lastLoginAt()).contains(micros);
    }

    @Test
    void rolesHaveStableCodes() {
        assertThat(OperatorRole.ADMIN.code()).isEqualTo("admin");
        assertThat(OperatorRole.fromCode("viewer")).contains(OperatorRole.VIEWER);
        assertThat(OperatorRole.fromCode("ADMIN")).isEmpty();
        assertThat(OperatorRole.fromCode("root")).isEmpty();
    }
}
