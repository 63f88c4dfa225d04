package dev.wxgate.adapters.persistence.jwt;

import dev.wxgate.adapters.persistence.SqlStore;
import dev.wxgate.adapters.persistence.session.SessionKeyCipher;
import dev.wxgate.domain.StoreUnavailableException;
import dev.wxgate.domain.jwt.KeyId;
import dev.wxgate.domain.jwt.SigningKey;
import dev.wxgate.domain.jwt.SigningKeyStore;
import java.util.List;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Adapter: the JWT signing keys in SQL through MyBatis (table jwt_signing_key, by Flyway's V5__jwt_signing_keys.sql),
 * the private halves sealed with the server key and bound to their kid, so the database never holds one in the clear
 * and a sealed half copied to another row does not open.
 *
 * <p>Two nodes adding the same generation race on the primary key: the loser's insert fails with a duplicate key and
 * {@link #add} answers false. A private half that does not open (another server key) is a misconfiguration, reported
 * as the store being unusable, never as a key.
 */
public final class MyBatisSigningKeyStore implements SigningKeyStore {
    private static final SqlStore SQL = new SqlStore("signing key store");
    private final SigningKeyMapper mapper;
    private final SessionKeyCipher cipher;

    /**
     * @param sqlSessionFactory a Spring-managed factory; the mapper is registered in its configuration here
     * @param cipher the server keys every node shares ({@code wxgate.sessions.server-key(s)}): a private half sealed by
     *     an older one is sealed again by the sealing key when read
     */
    public MyBatisSigningKeyStore(SqlSessionFactory sqlSessionFactory, SessionKeyCipher cipher) {
        Configuration configuration = sqlSessionFactory.getConfiguration();
        synchronized (configuration) {
            if (!configuration.hasMapper(SigningKeyMapper.class)) {
                configuration.addMapper(SigningKeyMapper.class);
            }
        }
        this.mapper = new SqlSessionTemplate(sqlSessionFactory).getMapper(SigningKeyMapper.class);
        this.cipher = cipher;
    }

    @Override
    public List<SigningKey> all() {
        return SQL.call("read the signing keys", mapper::all).stream()
                .map(this::toDomain)
                .toList();
    }

    @Override
    public boolean add(SigningKey key) {
        try {
            mapper.insert(
                    key.generation(),
                    key.id().value(),
                    key.publicJwk(),
                    cipher.seal(key.privateJwk(), context(key.id())),
                    SqlStore.utc(key.createdAt()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        } catch (DataAccessException failed) {
            throw SQL.unavailable("add a signing key", failed);
        }
    }

    @Override
    public boolean remove(KeyId id) {
        return SQL.call("remove a signing key", () -> mapper.delete(id.value()) > 0);
    }

    private SigningKey toDomain(SigningKeyRow row) {
        KeyId id = new KeyId(row.kid());
        String privateJwk = cipher.open(row.sealedPrivateJwk(), context(id))
                .orElseThrow(() -> new StoreUnavailableException(
                        "the signing key " + id
                                + " does not open with this node's server keys: every node needs the same"
                                + " wxgate.sessions.server-key(s), and a key removed from server-keys must have"
                                + " sealed nothing any more (docs/runbooks/session-server-key.md)",
                        null));
        if (!cipher.isCurrent(row.sealedPrivateJwk())) {
            // Sealed by an older server key (a rotation is under way): sealed again by the sealing key, so that the
            // older key can be removed; only if no other node did it first.
            SQL.call(
                    "seal a signing key again",
                    () -> mapper.reseal(id.value(), row.sealedPrivateJwk(), cipher.seal(privateJwk, context(id))));
        }
        return new SigningKey(id, row.generation(), row.publicJwk(), privateJwk, SqlStore.instant(row.createdAt()));
    }

    private static String context(KeyId id) {
        return "wxgate jwt signing key " + id.value();
    }
}
