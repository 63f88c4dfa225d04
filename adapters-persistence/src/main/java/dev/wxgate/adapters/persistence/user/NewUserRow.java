package dev.wxgate.adapters.persistence.user;

import java.time.LocalDateTime;

/** A users row to insert; MyBatis reads the fields and writes the generated id back into {@code id}. */
final class NewUserRow {
    private final String unionId;
    private final LocalDateTime registeredAt;
    private Long id;

    NewUserRow(String unionId, LocalDateTime registeredAt) {
        this.unionId = unionId;
        this.registeredAt = registeredAt;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("the database returned no id for the new user");
        }
        return id;
    }
}
