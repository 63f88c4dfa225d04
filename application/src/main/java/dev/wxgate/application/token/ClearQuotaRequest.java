package dev.wxgate.application.token;

import dev.wxgate.domain.Require;
import dev.wxgate.domain.app.AppId;

/** An operator's request to have WeChat clear an app's daily API quotas. */
public record ClearQuotaRequest(AppId appId, String actor) {
    public ClearQuotaRequest {
        Require.present(appId, "appId");
        Require.present(actor, "actor");
    }
}
