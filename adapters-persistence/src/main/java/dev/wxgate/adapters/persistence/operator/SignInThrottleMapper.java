package dev.wxgate.adapters.persistence.operator;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of console_sign_in_lock and console_address_lock; the SQL is in SignInThrottleMapper.xml. */
interface SignInThrottleMapper {

    int incrementOperatorFailures(@Param("username") String username, @Param("address") String address);

    Integer operatorFailures(@Param("username") String username, @Param("address") String address);

    void insertOperatorFailure(@Param("username") String username, @Param("address") String address);

    int lockOperator(
            @Param("username") String username, @Param("address") String address, @Param("until") LocalDateTime until);

    LocalDateTime operatorLockedUntil(@Param("username") String username, @Param("address") String address);

    int clearOperatorFrom(@Param("username") String username, @Param("address") String address);

    int clearOperator(@Param("username") String username);

    int incrementAddressFailures(
            @Param("address") String address,
            @Param("windowStart") LocalDateTime windowStart,
            @Param("now") LocalDateTime now);

    Integer addressFailures(@Param("address") String address);

    void insertAddressFailure(@Param("address") String address, @Param("now") LocalDateTime now);

    int lockAddress(@Param("address") String address, @Param("until") LocalDateTime until);

    LocalDateTime addressLockedUntil(@Param("address") String address);

    List<SignInLockRow> operatorLocks(@Param("now") LocalDateTime now);
}
