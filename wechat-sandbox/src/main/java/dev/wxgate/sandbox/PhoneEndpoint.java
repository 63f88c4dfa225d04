package dev.wxgate.sandbox;

import static dev.wxgate.sandbox.EngineState.blank;

import java.time.Instant;

/** Engine part: getuserphonenumber, which trades a single-use phone code for the user's number. */
final class PhoneEndpoint {
    private final CallGate gate;
    private final OffsetClock clock;

    PhoneEndpoint(CallGate gate, OffsetClock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    /** POST /wxa/business/getuserphonenumber?access_token= with body {"code"} (optionally "openid"). */
    Outcome<SandboxEngine.PhoneInfo> phoneNumber(
            EngineState s, String httpMethod, String accessToken, SandboxEngine.PhoneCodeRequest request) {
        IssuedToken token = s.token(accessToken);
        Outcome<SandboxEngine.PhoneInfo> fault = gate.admit(s, Endpoint.PHONE_NUMBER, token);
        if (fault != null) {
            return fault;
        }
        if (!"POST".equals(httpMethod)) {
            return Outcome.failed(ErrorCode.REQUIRE_POST);
        }
        Instant now = clock.instant();
        ErrorCode tokenRefused = TokenEndpoints.checkToken(s, accessToken, token, now);
        if (tokenRefused != null) {
            return Outcome.failed(tokenRefused);
        }
        AppState app = s.appOf(token);
        if (request == null) {
            return Outcome.failed(ErrorCode.DATA_FORMAT_ERROR);
        }
        if (blank(request.code())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        OneTimeCode code = s.phoneCodes.get(request.code());
        if (code == null || code.expiredAt(now)) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        // The code names its app: a token of any other app is "not the right credential".
        if (!code.appId().equals(app.appId())) {
            return Outcome.failed(ErrorCode.INVALID_CREDENTIAL);
        }
        // WeChat documents that a given openid is checked against the code's user.
        if (request.openid() != null && !request.openid().equals(code.openid())) {
            return Outcome.failed(ErrorCode.INVALID_CODE);
        }
        if (code.isUsed()) {
            return Outcome.failed(ErrorCode.CODE_BEEN_USED);
        }
        if (app.user(code.openid()).blocked()) {
            return Outcome.failed(ErrorCode.HIGH_RISK_USER);
        }
        if (!code.markUsed()) {
            return Outcome.failed(ErrorCode.CODE_BEEN_USED);
        }
        return Outcome.ok(new SandboxEngine.PhoneInfo(code.phone(), now.getEpochSecond(), app.appId()));
    }
}
