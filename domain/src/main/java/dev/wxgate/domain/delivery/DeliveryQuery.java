package dev.wxgate.domain.delivery;

import dev.wxgate.domain.PageRequest;
import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;
import java.util.Optional;

/** Which deliveries to list, newest push first. */
public record DeliveryQuery(Optional<DeliveryState> state, Optional<AppId> appId, PageRequest page) {
    public DeliveryQuery {
        Require.present(state, "state");
        Require.present(appId, "appId");
        Require.present(page, "page");
    }
}
