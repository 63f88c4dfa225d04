package dev.wxgate.adapters.persistence.operator;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of the console_operator table; the SQL is in OperatorMapper.xml beside this interface. */
interface OperatorMapper {

    OperatorRow find(@Param("username") String username);

    List<OperatorRow> all();

    long count();

    void insert(
            @Param("username") String username,
            @Param("passwordHash") String passwordHash,
            @Param("role") String role,
            @Param("createdAt") LocalDateTime createdAt,
            @Param("lastLoginAt") LocalDateTime lastLoginAt);

    int recordLogin(@Param("username") String username, @Param("at") LocalDateTime at);

    int changePassword(@Param("username") String username, @Param("passwordHash") String passwordHash);

    int delete(@Param("username") String username);
}
