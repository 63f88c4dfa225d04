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
 * Operators in a map, unique ignoring case as the store keeps them, counting lookups; {@link #beforeAdd}, {@link #beforeRemove} and {@link #beforeChangePassword} let a test play another node
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
            String folded = Operator.folded(operator.username());
            if (operators.keySet().stream()
                    .anyMatch(name -> Operator.folded(name).equals(folded))) {
                return false;
            }
            operators.put(operator.username(), operator);
            return true;
        }
    }

    @Override
    public synchronized boolean isEmpty() {
        return operators.isEmpty();
    }

    @Override
    public synchronized void recordLogin(String username, Instant at) {
        operators.computeIfPresent(
                username,
                (name, operator) -> new Operator(
                        name, operator.passwordHash(), operator.role(), operator.createdAt(), Optional.of(at)));
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
                new Operator(username, passwordHash, operator.role(), operator.createdAt(), operator.lastLoginAt()));
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
}
