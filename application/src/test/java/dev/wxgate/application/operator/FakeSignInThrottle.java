package dev.wxgate.application.operator;

import dev.wxgate.domain.operator.SignInLock;
import dev.wxgate.domain.operator.SignInThrottle;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Failed sign-ins and locks in maps, as the database keeps them. */
final class FakeSignInThrottle implements SignInThrottle {
    private record Key(String username, String address) {}

    private record Count(int failures, Instant windowStarted) {}

    final Map<Key, Integer> operatorFailures = new HashMap<>();
    private final Map<Key, Instant> operatorLocks = new HashMap<>();
    private final Map<String, Count> addressFailures = new HashMap<>();
    private final Map<String, Instant> addressLocks = new HashMap<>();

    int operatorFailures(String username, String address) {
        return operatorFailures.getOrDefault(new Key(username, address), 0);
    }

    int addressFailures(String address) {
        return Optional.ofNullable(addressFailures.get(address))
                .map(Count::failures)
                .orElse(0);
    }

    @Override
    public synchronized int recordOperatorFailure(String username, String clientAddress) {
        return operatorFailures.merge(new Key(username, clientAddress), 1, Integer::sum);
    }

    @Override
    public synchronized void lockOperator(String username, String clientAddress, Instant until) {
        operatorLocks.put(new Key(username, clientAddress), until);
    }

    @Override
    public synchronized Optional<Instant> operatorLockedUntil(String username, String clientAddress) {
        return Optional.ofNullable(operatorLocks.get(new Key(username, clientAddress)));
    }

    @Override
    public synchronized void clearOperator(String username, String clientAddress) {
        operatorFailures.remove(new Key(username, clientAddress));
        operatorLocks.remove(new Key(username, clientAddress));
    }

    @Override
    public synchronized void clearOperator(String username) {
        operatorFailures.keySet().removeIf(key -> key.username().equals(username));
        operatorLocks.keySet().removeIf(key -> key.username().equals(username));
    }

    @Override
    public synchronized int recordAddressFailure(String clientAddress, Instant windowStart, Instant now) {
        Count count = addressFailures.get(clientAddress);
        Count next = count == null || !count.windowStarted().isAfter(windowStart)
                ? new Count(1, now)
                : new Count(count.failures() + 1, count.windowStarted());
        addressFailures.put(clientAddress, next);
        return next.failures();
    }

    @Override
    public synchronized void lockAddress(String clientAddress, Instant until) {
        addressLocks.put(clientAddress, until);
    }

    @Override
    public synchronized Optional<Instant> addressLockedUntil(String clientAddress) {
        return Optional.ofNullable(addressLocks.get(clientAddress));
    }

    @Override
    public synchronized List<SignInLock> operatorLocks(Instant now) {
        return operatorLocks.entrySet().stream()
                .filter(lock -> lock.getValue().isAfter(now))
                .map(lock ->
                        new SignInLock(lock.getKey().username(), lock.getKey().address(), lock.getValue()))
                .sorted(Comparator.comparing(SignInLock::username).thenComparing(SignInLock::clientAddress))
                .toList();
    }
}
