package dev.wxgate.adapters.persistence.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxgate.domain.operator.SignInLock;
import dev.wxgate.domain.operator.SignInThrottle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract of {@link SignInThrottle}, run against every database wxgate supports, migrated by Flyway as in
 * production. Tests share the database, so each uses names and addresses of its own.
 */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // the throttle commits each change, as in production
abstract class AbstractSignInThrottleTest {
    static final String MIGRATIONS = AbstractOperatorDirectoryTest.MIGRATIONS;
    private static final Instant AT = Instant.parse("2026-11-24T08:00:00.123456789Z");

    @Autowired
    SignInThrottle throttle;

    private final String name = "op-" + AbstractOperatorDirectoryTest.randomHex();
    private final String address = "198.51.100." + AbstractOperatorDirectoryTest.randomHex();
    private final String elsewhere = "203.0.113." + AbstractOperatorDirectoryTest.randomHex();

    @Test
    void failuresAreCountedPerOperatorAndAddress() {
        assertThat(throttle.recordOperatorFailure(name, address)).isEqualTo(1);
        assertThat(throttle.recordOperatorFailure(name, address)).isEqualTo(2);
        assertThat(throttle.recordOperatorFailure(name, elsewhere)).isEqualTo(1);
        assertThat(throttle.recordOperatorFailure(name + "-other", address)).isEqualTo(1);
        assertThat(throttle.recordOperatorFailure(name, address)).isEqualTo(3);
    }

    @Test
    void aLockHoldsForItsOperatorAndAddressOnly() {
        throttle.recordOperatorFailure(name, address);
        throttle.recordOperatorFailure(name, elsewhere);

        throttle.lockOperator(name, address, AT.plusSeconds(900));

        assertThat(throttle.operatorLockedUntil(name, address))
                .contains(AT.plusSeconds(900).truncatedTo(ChronoUnit.MICROS));
        assertThat(throttle.operatorLockedUntil(name, elsewhere)).isEmpty();
        assertThat(throttle.operatorLockedUntil(name + "-other", address)).isEmpty();
        assertThat(throttle.operatorLocks(AT))
                .filteredOn(lock -> lock.username().equals(name))
                .containsExactly(new SignInLock(name, address, AT.plusSeconds(900)));
        assertThat(throttle.operatorLocks(AT.plusSeconds(900)))
                .filteredOn(lock -> lock.username().equals(name))
                .isEmpty();
    }

    @Test
    void aGoodSignInClearsItsAddressOnlyAndAFreshStartClearsEveryAddress() {
        throttle.recordOperatorFailure(name, address);
        throttle.lockOperator(name, address, AT.plusSeconds(900));
        throttle.recordOperatorFailure(name, elsewhere);
        throttle.lockOperator(name, elsewhere, AT.plusSeconds(900));

        throttle.clearOperator(name, elsewhere);

        assertThat(throttle.operatorLockedUntil(name, elsewhere)).isEmpty();
        assertThat(throttle.recordOperatorFailure(name, elsewhere)).isEqualTo(1);
        assertThat(throttle.operatorLockedUntil(name, address)).isPresent();

        throttle.clearOperator(name);

        assertThat(throttle.operatorLockedUntil(name, address)).isEmpty();
        assertThat(throttle.recordOperatorFailure(name, address)).isEqualTo(1);
        assertThat(throttle.recordOperatorFailure(name, elsewhere)).isEqualTo(1);
    }

    @Test
    void addressFailuresAreCountedWithinTheirWindowAndStartAgainAfterIt() {
        Instant windowOpened = AT;
        assertThat(throttle.recordAddressFailure(address, AT.minusSeconds(900), windowOpened))
                .isEqualTo(1);
        assertThat(throttle.recordAddressFailure(address, AT.minusSeconds(800), AT.plusSeconds(100)))
                .isEqualTo(2);
        assertThat(throttle.recordAddressFailure(elsewhere, AT.minusSeconds(800), AT.plusSeconds(100)))
                .isEqualTo(1);

        // The window opened at AT; a failure whose window starts at or after that forgets the two before it.
        assertThat(throttle.recordAddressFailure(address, AT, AT.plusSeconds(900)))
                .isEqualTo(1);
        assertThat(throttle.recordAddressFailure(address, AT.plusSeconds(1), AT.plusSeconds(901)))
                .isEqualTo(2);
    }

    @Test
    void anAddressLockReadsBack() {
        assertThat(throttle.addressLockedUntil(address)).isEmpty();
        throttle.recordAddressFailure(address, AT.minusSeconds(900), AT);

        throttle.lockAddress(address, AT.plusSeconds(900));

        assertThat(throttle.addressLockedUntil(address))
                .contains(AT.plusSeconds(900).truncatedTo(ChronoUnit.MICROS));
        assertThat(throttle.addressLockedUntil(elsewhere)).isEmpty();
    }

    @Test
    void concurrentFailuresAreEachCountedOnceFromTheFirst() throws Exception {
        List<Integer> operatorCounts = AbstractOperatorDirectoryTest.concurrently(
                30, i -> () -> throttle.recordOperatorFailure(name, address));
        List<Integer> addressCounts = AbstractOperatorDirectoryTest.concurrently(
                30, i -> () -> throttle.recordAddressFailure(address, AT.minusSeconds(900), AT));

        List<Integer> oneToThirty = IntStream.rangeClosed(1, 30).boxed().toList();
        assertThat(operatorCounts).containsExactlyInAnyOrderElementsOf(oneToThirty);
        assertThat(addressCounts).containsExactlyInAnyOrderElementsOf(oneToThirty);
    }
}
