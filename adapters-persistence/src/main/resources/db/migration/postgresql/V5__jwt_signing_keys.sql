-- The keys that sign session JWTs (PostgreSQL; the H2 script is the same), shared by every node: the newest
-- generation signs. The primary key on generation is what makes one of two nodes rotating at once win; the loser
-- reads the winner's key back. The private half is sealed with wxgate.sessions.server-key (AES-GCM, bound to the
-- kid), never stored in the clear. A key retires when the next generation is created. Times are UTC.

CREATE TABLE jwt_signing_key (
    generation         BIGINT        NOT NULL,
    kid                VARCHAR(64)   NOT NULL,
    public_jwk         VARCHAR(1024) NOT NULL,
    sealed_private_jwk VARCHAR(2048) NOT NULL,
    created_at         TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_jwt_signing_key PRIMARY KEY (generation),
    CONSTRAINT uq_jwt_signing_key_kid UNIQUE (kid)
);
