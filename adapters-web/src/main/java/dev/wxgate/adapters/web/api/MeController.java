package dev.wxgate.adapters.web.api;

import dev.wxgate.adapters.web.api.ApiViews.DecryptRequest;
import dev.wxgate.adapters.web.api.ApiViews.MeResponse;
import dev.wxgate.adapters.web.api.ApiViews.PhoneRequest;
import dev.wxgate.adapters.web.api.ApiViews.PhoneResponse;
import dev.wxgate.adapters.web.api.ApiViews.ProfileRequest;
import dev.wxgate.adapters.web.api.ApiViews.RawDataRequest;
import dev.wxgate.adapters.web.api.ApiViews.Validity;
import dev.wxgate.application.user.GetPhoneNumber;
import dev.wxgate.application.user.ManageProfile;
import dev.wxgate.application.user.OpenEncryptedData;
import dev.wxgate.application.user.VerifyRawData;
import dev.wxgate.domain.session.Session;
import dev.wxgate.domain.session.UserSnapshot;
import dev.wxgate.domain.user.Profile;
import dev.wxgate.domain.wechat.PhoneCode;
import dev.wxgate.domain.wechat.PhoneNumber;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Adapter: the logged-in user: who they are, their profile, and what only their session_key can open. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
class MeController {
    private final ManageProfile profiles;
    private final OpenEncryptedData encryptedData;
    private final VerifyRawData rawData;
    private final GetPhoneNumber phoneNumbers;

    MeController(
            ManageProfile profiles,
            OpenEncryptedData encryptedData,
            VerifyRawData rawData,
            GetPhoneNumber phoneNumbers) {
        this.profiles = profiles;
        this.encryptedData = encryptedData;
        this.rawData = rawData;
        this.phoneNumbers = phoneNumbers;
    }

    @GetMapping
    MeResponse me(@AuthenticationPrincipal Session session) {
        return MeResponse.of(userOf(profiles.show(session)), session);
    }

    @PutMapping(path = "/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    MeResponse updateProfile(@AuthenticationPrincipal Session session, @RequestBody ProfileRequest request) {
        Profile profile = Profile.of(request.nickname(), request.avatarUrl());
        return MeResponse.of(userOf(profiles.update(session.userId(), profile)), session);
    }

    @PostMapping(path = "/decrypt", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> decrypt(@AuthenticationPrincipal Session session, @RequestBody DecryptRequest request) {
        String json = encryptedData.open(
                session,
                ApiViews.required(request.encryptedData(), "encryptedData"),
                ApiViews.required(request.iv(), "iv"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @PostMapping(path = "/verify-raw-data", consumes = MediaType.APPLICATION_JSON_VALUE)
    Validity verifyRawData(@AuthenticationPrincipal Session session, @RequestBody RawDataRequest request) {
        return new Validity(rawData.verify(
                session,
                ApiViews.required(request.rawData(), "rawData"),
                ApiViews.required(request.signature(), "signature")));
    }

    @PostMapping(path = "/phone", consumes = MediaType.APPLICATION_JSON_VALUE)
    PhoneResponse phone(@AuthenticationPrincipal Session session, @RequestBody PhoneRequest request) {
        PhoneNumber number = phoneNumbers.get(
                new GetPhoneNumber.Command(session, new PhoneCode(ApiViews.required(request.code(), "code"))));
        return new PhoneResponse(number.phoneNumber(), number.purePhoneNumber(), number.countryCode());
    }

    /** The session's user; gone only if the user was deleted under a live session, which ends that session's use. */
    private static UserSnapshot userOf(Optional<UserSnapshot> user) {
        return user.orElseThrow(() -> new SessionUserGoneException());
    }

    static final class SessionUserGoneException extends RuntimeException {
        SessionUserGoneException() {
            super("the session's user no longer exists");
        }
    }
}
