package dev.wxgate.adapters.persistence.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BCryptPasswordHasherTest {
    private final BCryptPasswordHasher hasher = new BCryptPasswordHasher();

    @Test
    void aHashIsBcryptSaltedAndMatchesOnlyItsPassword() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).startsWith("$2a$10$").isNotEqualTo(second);
        assertThat(hasher.matches("correct horse battery", first)).isTrue();
        assertThat(hasher.matches("correct horse battery!", first)).isFalse();
        assertThat(hasher.matches(null, first)).isFalse();
    }

    @Test
    void aPasswordLongerThanBcryptReadsDoesNotMatchInsteadOfFailing() {
        String hash = hasher.hash("a".repeat(BCryptPasswordHasher.MAX_BYTES));

        assertThat(hasher.matches("a".repeat(BCryptPasswordHasher.MAX_BYTES), hash))
                .isTrue();
        assertThat(hasher.matches("a".repeat(BCryptPasswordHasher.MAX_BYTES + 1), hash))
                .isFalse();
    }
}
