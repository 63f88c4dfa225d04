package dev.wxgate.application.token;

import java.util.OptionalInt;

/** How a clear_quota ended; each carries wxgate's count of this month's clears of the app (of WeChat's 10). */
public sealed interface QuotaClearResult {

    /** This WeChat month's clears of the app wxgate made, counting a successful one just made. */
    int clearsThisMonth();

    /** WeChat cleared the quotas; wxgate's count of today's token calls starts again from zero. */
    record Cleared(int clearsThisMonth) implements QuotaClearResult {}

    /** WeChat refused: 48006 when this month's clears are used up. {@code why} is WeChat's answer in plain words. */
    record Refused(OptionalInt errcode, String why, int clearsThisMonth) implements QuotaClearResult {}

    /** WeChat could not be asked: no valid access_token, or WeChat down or busy. */
    record Failed(String why, int clearsThisMonth) implements QuotaClearResult {}
}
