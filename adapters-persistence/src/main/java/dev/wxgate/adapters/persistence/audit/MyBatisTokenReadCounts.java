package dev.wxgate.adapters.persistence.audit;

import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.app.AppId;
import dev.wxgate.domain.audit.TokenReadCount;
import dev.wxgate.domain.audit.TokenReadCounts;
import dev.wxgate.domain.token.CredentialKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Adapter: the hourly counts of credential reads in SQL through MyBatis (table token_read_count, by Flyway's
 * V8__token_read_counts.sql). A count is added to its row, or inserted when the hour has none; two nodes inserting the
 * same row at once are told apart by the primary key, and the loser adds instead.
 */
public final class MyBatisTokenReadCounts implements TokenReadCounts {
    private final TokenReadCountMapper mapper;

    /** @param sqlSessionFactory a Spring-managed factory; the mapper is registered in its configuration here */
    public MyBatisTokenReadCounts(SqlSessionFactory sqlSessionFactory) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(TokenReadCountMapper.class)) {
                configuration.addMapper(TokenReadCountMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(TokenReadCountMapper.class);
    }

    @Override
    public void add(Collection<TokenReadCount> counts) {
        try {
            counts.forEach(count -> addOne(toRow(count)));
        } catch (DataAccessException failed) {
            throw new StoreUnavailableException(
                    "token read counts could not be written: "
                            + failed.getClass().getSimpleName(),
                    failed);
        }
    }

    private void addOne(TokenReadCountRow row) {
        if (mapper.addTo(row) > 0) {
            return;
        }
        try {
            mapper.insert(row);
        } catch (DuplicateKeyException | ConcurrencyFailureException anotherNodeFirst) {
            mapper.addTo(row);
        }
    }

    @Override
    public List<TokenReadCount> since(Instant from, Optional<AppId> appId) {
        try {
            return mapper.since(utc(from), appId.map(AppId::value).orElse(null)).stream()
                    .map(MyBatisTokenReadCounts::toDomain)
                    .toList();
        } catch (DataAccessException failed) {
            throw new StoreUnavailableException(
                    "token read counts could not be read: " + failed.getClass().getSimpleName(), failed);
        }
    }

    @Override
    public int forgetBefore(Instant hour) {
        try {
            return mapper.deleteBefore(utc(hour));
        } catch (DataAccessException failed) {
            throw new StoreUnavailableException(
                    "old token read counts could not be deleted: "
                            + failed.getClass().getSimpleName(),
                    failed);
        }
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static TokenReadCountRow toRow(TokenReadCount count) {
        return new TokenReadCountRow(
                utc(count.hour()),
                count.client(),
                count.appId().value(),
                count.credential().name().toLowerCase(Locale.ROOT),
                count.reads());
    }

    private static TokenReadCount toDomain(TokenReadCountRow row) {
        return new TokenReadCount(
                row.hourStart().toInstant(ZoneOffset.UTC),
                row.clientId(),
                AppId.of(row.appId()),
                CredentialKind.valueOf(row.credential().toUpperCase(Locale.ROOT)),
                row.readCount());
    }
}
