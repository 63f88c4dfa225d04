package dev.wxgate.adapters.persistence.delivery;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of outbox_push and outbox_delivery; the SQL is in PushOutboxMapper.xml beside this interface. */
interface PushOutboxMapper {

    void insertPush(
            @Param("deliveryId") String deliveryId,
            @Param("appId") String appId,
            @Param("deliveryKey") String deliveryKey,
            @Param("msgType") String msgType,
            @Param("event") String event,
            @Param("format") String format,
            @Param("raw") String raw,
            @Param("messageJson") String messageJson,
            @Param("receivedAt") LocalDateTime receivedAt);

    void insertDelivery(
            @Param("deliveryId") String deliveryId,
            @Param("sink") String sink,
            @Param("appId") String appId,
            @Param("receivedAt") LocalDateTime receivedAt,
            @Param("attempts") int attempts,
            @Param("nextAttemptAt") LocalDateTime nextAttemptAt,
            @Param("leaseOwner") String leaseOwner,
            @Param("leaseUntil") LocalDateTime leaseUntil);

    List<DueRow> due(@Param("now") LocalDateTime now, @Param("limit") int limit);

    int take(
            @Param("deliveryId") String deliveryId,
            @Param("sink") String sink,
            @Param("owner") String owner,
            @Param("leaseUntil") LocalDateTime leaseUntil,
            @Param("now") LocalDateTime now);

    List<ClaimRow> held(
            @Param("deliveryIds") Collection<String> deliveryIds,
            @Param("owner") String owner,
            @Param("leaseUntil") LocalDateTime leaseUntil);

    int delivered(
            @Param("deliveryId") String deliveryId,
            @Param("sink") String sink,
            @Param("owner") String owner,
            @Param("leaseUntil") LocalDateTime leaseUntil,
            @Param("now") LocalDateTime now);

    int retryLater(
            @Param("deliveryId") String deliveryId,
            @Param("sink") String sink,
            @Param("owner") String owner,
            @Param("leaseUntil") LocalDateTime leaseUntil,
            @Param("nextAttemptAt") LocalDateTime nextAttemptAt,
            @Param("error") String error);

    int dead(
            @Param("deliveryId") String deliveryId,
            @Param("sink") String sink,
            @Param("owner") String owner,
            @Param("leaseUntil") LocalDateTime leaseUntil,
            @Param("error") String error,
            @Param("now") LocalDateTime now);

    DeliveryRow find(@Param("deliveryId") String deliveryId, @Param("sink") String sink);

    long count(@Param("state") String state, @Param("appId") String appId);

    List<DeliveryRow> list(
            @Param("state") String state,
            @Param("appId") String appId,
            @Param("limit") int limit,
            @Param("offset") long offset);

    int replay(@Param("deliveryId") String deliveryId, @Param("sink") String sink, @Param("now") LocalDateTime now);

    int replayDead(@Param("appId") String appId, @Param("now") LocalDateTime now);

    List<String> purgeable(@Param("before") LocalDateTime before, @Param("limit") int limit);

    int deleteDelivered(@Param("deliveryIds") Collection<String> deliveryIds, @Param("before") LocalDateTime before);

    int deletePushes(@Param("deliveryIds") Collection<String> deliveryIds);
}
