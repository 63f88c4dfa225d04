package dev.wxgate.adapters.persistence.delivery;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.domain.Page;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.delivery.Claim;
import dev.wxgate.domain.delivery.Delivery;
import dev.wxgate.domain.delivery.DeliveryId;
import dev.wxgate.domain.delivery.DeliveryQuery;
import dev.wxgate.domain.delivery.DeliveryState;
import dev.wxgate.domain.delivery.OutboxDepth;
import dev.wxgate.domain.delivery.PushOutbox;
import dev.wxgate.domain.delivery.Sink;
import dev.wxgate.domain.delivery.StoredPush;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adapter: the push outbox in SQL through MyBatis (tables outbox_push and outbox_delivery, by Flyway's
 * V6__push_outbox.sql and V7__push_outbox_retry_window.sql), shared by every node of a cluster.
 *
 * <p>A push and its deliveries are stored in one transaction (with those other threads store at the same moment:
 * {@link GroupedWrites}); the unique key on (app, delivery key) makes one of two nodes
 * storing WeChat's retries of one push at once lose with a duplicate key, storing nothing. A claim reads due candidates
 * without locking, then takes each by an update whose conditions the database checks again on the row as it is when
 * locked, so of nodes taking the same delivery exactly one updates it. This works alike on H2, PostgreSQL, MariaDB and
 * MySQL, without {@code SKIP LOCKED}. A claim is identified by its owner and the end of its lease: an outcome recorded
 * under a lease that ended and was taken by another node changes nothing.
 */
public final class MyBatisPushOutbox implements PushOutbox {
    private static final SqlStore SQL = new SqlStore("push outbox");
    /** The size of the text columns the adapter fills from callers (lease_owner, msg_type, event, last_error). */
    private static final int NAME_LENGTH = 255;

    private static final int ERROR_LENGTH = 500;
    /** How many times one claim reads candidates again after losing races for some. */
    private static final int CLAIM_ROUNDS = 3;
    /** Rows are locked in one order by every claimer, so that two claims never wait on each other in a cycle. */
    private static final Comparator<DueRow> LOCK_ORDER =
            Comparator.comparing(DueRow::deliveryId).thenComparing(DueRow::sink);

    private final PushOutboxMapper mapper;
    private final TransactionTemplate writes;
    private final GroupedWrites grouped;

    /**
     * @param sqlSessionFactory a Spring-managed factory (as MyBatis's Spring Boot starter builds it), so that the
     *     mapper joins this adapter's transactions; the mapper is registered in its configuration here
     * @param transactionManager the transaction manager of the factory's DataSource
     */
    public MyBatisPushOutbox(SqlSessionFactory sqlSessionFactory, PlatformTransactionManager transactionManager) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(PushOutboxMapper.class)) {
                configuration.addMapper(PushOutboxMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(PushOutboxMapper.class);
        this.writes = new TransactionTemplate(transactionManager);
        this.grouped = new GroupedWrites(mapper, writes);
    }

    @Override
    public boolean store(StoredPush push, Set<Sink> sinks, Optional<Lease> heldBy, Instant now) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("a push is stored for at least one sink");
        }
        fits(push.msgType(), "msgType");
        push.event().ifPresent(event -> fits(event, "event"));
        heldBy.ifPresent(lease -> {
            fits(lease.owner(), "owner");
            if (!sinks.containsAll(lease.sinks())) {
                throw new IllegalArgumentException("the held sinks " + lease.sinks() + " are not all the push's sinks");
            }
        });
        return SQL.call("store a push", () -> grouped.store(push, sinks, heldBy, now));
    }

    @Override
    public List<Claim> claim(String owner, int max, Duration lease, Instant now) {
        fits(owner, "owner");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        LocalDateTime at = SqlStore.utc(now);
        LocalDateTime until = SqlStore.utc(now.plus(lease));
        Instant leaseUntil = SqlStore.instant(until);
        return SQL.call("claim deliveries", () -> {
            List<Claim> claims = new ArrayList<>();
            // Nodes polling at once read the same candidates: one that lost races for some reads again, a little.
            for (int round = 0; round < CLAIM_ROUNDS && claims.size() < max; round++) {
                List<DueRow> due = mapper.due(at, max - claims.size());
                List<ClaimRow> taken = take(due, owner, until, at);
                taken.stream()
                        .sorted(Comparator.comparingInt(row -> due.indexOf(row.key())))
                        .map(row -> row.toClaim(owner, leaseUntil))
                        .forEach(claims::add);
                if (taken.size() == due.size()) {
                    break; // every candidate taken: either enough, or nothing more is due
                }
            }
            return List.copyOf(claims);
        });
    }

    /** Takes what it can of {@code due} in one transaction, in lock order; the rows taken, with their pushes. */
    private List<ClaimRow> take(List<DueRow> due, String owner, LocalDateTime until, LocalDateTime now) {
        if (due.isEmpty()) {
            return List.of();
        }
        return writes.execute(status -> {
            Set<DueRow> taken = new HashSet<>();
            for (DueRow row : due.stream().sorted(LOCK_ORDER).toList()) {
                if (mapper.take(row.deliveryId(), row.sink(), owner, until, now) == 1) {
                    taken.add(row);
                }
            }
            if (taken.isEmpty()) {
                return List.of();
            }
            // Another claimer of this owner (a thread of the same node) may hold other sinks of these pushes under
            // the same lease end: only the rows taken here are this claim's.
            List<String> deliveryIds =
                    taken.stream().map(DueRow::deliveryId).distinct().toList();
            return mapper.held(deliveryIds, owner, until).stream()
                    .filter(row -> taken.contains(row.key()))
                    .toList();
        });
    }

    @Override
    public boolean delivered(Claim claim, Instant now) {
        return SQL.call("record a delivery", () -> grouped.delivered(claim, now));
    }

    @Override
    public boolean retryLater(Claim claim, Instant nextAttemptAt, String error) {
        return SQL.call(
                "record a failed attempt",
                () -> mapper.retryLater(
                                id(claim),
                                sink(claim),
                                claim.owner(),
                                until(claim),
                                SqlStore.utc(nextAttemptAt),
                                truncated(error))
                        == 1);
    }

    @Override
    public boolean dead(Claim claim, String error, Instant now) {
        return SQL.call(
                "record a dead delivery",
                () -> mapper.dead(
                                id(claim),
                                sink(claim),
                                claim.owner(),
                                until(claim),
                                truncated(error),
                                SqlStore.utc(now))
                        == 1);
    }

    @Override
    public Optional<Delivery> find(DeliveryId id, Sink sink) {
        return SQL.call("find a delivery", () -> Optional.ofNullable(mapper.find(id.value(), sink.name()))
                .map(DeliveryRow::toDelivery));
    }

    @Override
    public Page<Delivery> list(DeliveryQuery query) {
        String state = query.state().map(DeliveryState::name).orElse(null);
        String appId = query.appId().map(AppId::value).orElse(null);
        return SQL.call("list deliveries", () -> {
            long total = mapper.count(state, appId);
            List<Delivery> items = total <= query.page().offset()
                    ? List.of()
                    : mapper
                            .list(
                                    state,
                                    appId,
                                    query.page().size(),
                                    query.page().offset())
                            .stream()
                            .map(DeliveryRow::toDelivery)
                            .toList();
            return new Page<>(items, total, query.page());
        });
    }

    @Override
    public boolean replay(DeliveryId id, Sink sink, Instant now) {
        return SQL.call("replay a delivery", () -> mapper.replay(id.value(), sink.name(), SqlStore.utc(now)) == 1);
    }

    @Override
    public int replayDead(Optional<AppId> appId, Instant now) {
        return SQL.call(
                "replay dead deliveries",
                () -> mapper.replayDead(appId.map(AppId::value).orElse(null), SqlStore.utc(now)));
    }

    @Override
    public int purgeDelivered(Instant before, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        LocalDateTime cutOff = SqlStore.utc(before);
        return SQL.call("purge delivered pushes", () -> {
            List<String> deliveryIds = mapper.purgeable(cutOff, max);
            if (deliveryIds.isEmpty()) {
                return 0;
            }
            // Deliveries first (their foreign key), then the pushes left without any, in one transaction.
            return writes.execute(status -> {
                mapper.deleteDelivered(deliveryIds, cutOff);
                return mapper.deletePushes(deliveryIds);
            });
        });
    }

    @Override
    public OutboxDepth depth() {
        return SQL.call(
                "count deliveries",
                () -> new OutboxDepth(
                        mapper.count(DeliveryState.PENDING.name(), null),
                        mapper.count(DeliveryState.DEAD.name(), null)));
    }

    private static String id(Claim claim) {
        return claim.push().id().value();
    }

    private static String sink(Claim claim) {
        return claim.sink().name();
    }

    private static LocalDateTime until(Claim claim) {
        return SqlStore.utc(claim.leaseUntil());
    }

    private static void fits(String value, String field) {
        if (value.isBlank() || value.length() > NAME_LENGTH) {
            throw new IllegalArgumentException(field + " must be 1 to " + NAME_LENGTH + " characters");
        }
    }

    /**
     * The error as last_error holds it: at most 500 UTF-16 units (H2 counts those; the other databases count
     * characters, never more), never half a surrogate pair.
     */
    static String truncated(String error) {
        if (error.length() <= ERROR_LENGTH) {
            return error;
        }
        int end = Character.isHighSurrogate(error.charAt(ERROR_LENGTH - 1)) ? ERROR_LENGTH - 1 : ERROR_LENGTH;
        return error.substring(0, end);
    }
}
