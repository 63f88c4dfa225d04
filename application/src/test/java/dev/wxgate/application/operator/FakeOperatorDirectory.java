package dev.wxgate.application.operator;

import dev.wxgate.domain.operator.Operator;
import dev.wxgate.domain.operator.OperatorDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Operators in a map, counting lookups; {@link #beforeAdd}, {@link #beforeRemove} and {@link #beforeChangePassword} let a test play another node
 * acting at the same moment.
 */
final class FakeOperatorDirectory implements OperatorDirectory {
    private final Map<String, Operator> operators = new TreeMap<>();
    final AtomicInteger finds = new AtomicInteger();
    Runnable beforeAdd = () -> {};
    Runnable beforeRemove = () -> {};
    Runnable beforeChangePassword = () -> {};

    @Override
    public synchronized Optional<Operator> find(String username) {
        finds.incrementAndGet();
        return Optional.ofNullable(operators.get(username));
    }

    @Override
    public boolean add(Operator operator) {
        beforeAdd.run();
        synchronized (this) {
            return operators.putIfAbsent(operator.username(), operator) == null;
        }
    }

    @Override
    public synchronized boolean isEmpty() {
        return operators.isEmpty();
    }

    @Override
    public synchronized int recordFailedLogin(String username) {
        Operator operator = operators.get(username);
        if (operator == null) {
            return 0;
        }
        Operator failed = with(operator, operator.failedLogins() + 1, operator.lockedUntil(), operator.lastLoginAt());
        operators.put(username, failed);
        return failed.failedLogins();
    }

    @Override
    public synchronized void lock(String username, Instant until) {
        operators.computeIfPresent(
                username,
                (name, operator) ->
                        with(operator, operator.failedLogins(), Optional.of(until), operator.lastLoginAt()));
    }

    @Override
    public synchronized void recordLogin(String username, Instant at) {
        operators.computeIfPresent(username, (name, operator) -> with(operator, 0, Optional.empty(), Optional.of(at)));
    }

    @Override
    public boolean changePassword(String username, String passwordHash) {
        beforeChangePassword.run();
        synchronized (this) {
            return replacePassword(username, passwordHash);
        }
    }

    private boolean replacePassword(String username, String passwordHash) {
        Operator operator = operators.get(username);
        if (operator == null) {
            return false;
        }
        operators.put(
                username,
                new Operator(
                        username,
                        passwordHash,
                        operator.role(),
                        0,
                        Optional.empty(),
                        operator.createdAt(),
                        operator.lastLoginAt()));
        return true;
    }

    @Override
    public boolean remove(String username) {
        beforeRemove.run();
        synchronized (this) {
            return operators.remove(username) != null;
        }
    }

    @Override
    public synchronized List<Operator> all() {
        return List.copyOf(operators.values());
    }

    private static Operator with(
            Operator operator, int failedLogins, Optional<Instant> lockedUntil, Optional<Instant> lastLoginAt) {
        return new Operator(
                operator.username(),
                operator.passwordHash(),
                operator.role(),
                failedLogins,
                lockedUntil,
                operator.createdAt(),
                lastLoginAt);
    }
}
