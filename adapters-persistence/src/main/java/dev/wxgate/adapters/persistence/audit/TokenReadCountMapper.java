package dev.wxgate.adapters.persistence.audit;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of the token_read_count table; the SQL is in TokenReadCountMapper.xml beside it. */
interface TokenReadCountMapper {

    /** Adds to an existing row; the number of rows changed (0 when there is none yet). */
    int addTo(TokenReadCountRow row);

    void insert(TokenReadCountRow row);

    List<TokenReadCountRow> since(@Param("from") LocalDateTime from, @Param("appId") String appId);

    int deleteBefore(@Param("hour") LocalDateTime hour);
}
