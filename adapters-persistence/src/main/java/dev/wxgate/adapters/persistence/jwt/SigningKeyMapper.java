package dev.wxgate.adapters.persistence.jwt;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper of the jwt_signing_key table; the SQL is in SigningKeyMapper.xml beside this interface. */
interface SigningKeyMapper {

    List<SigningKeyRow> all();

    void insert(
            @Param("generation") long generation,
            @Param("kid") String kid,
            @Param("publicJwk") String publicJwk,
            @Param("sealedPrivateJwk") String sealedPrivateJwk,
            @Param("createdAt") LocalDateTime createdAt);

    int reseal(@Param("kid") String kid, @Param("sealed") String sealed, @Param("resealed") String resealed);

    int delete(@Param("kid") String kid);
}
