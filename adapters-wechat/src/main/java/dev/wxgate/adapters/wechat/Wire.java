package dev.wxgate.adapters.wechat;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Internal: the JSON shapes WeChat's endpoints speak. Fields are boxed and nullable so that a missing one is seen as
 * missing; {@code toString()} hides what is secret or personal.
 */
final class Wire {
    private Wire() {}

    record TokenAnswer(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") Long expiresIn) {
        @Override
        public String toString() {
            return "TokenAnswer[access_token=****, expires_in=" + expiresIn + "]";
        }
    }

    record TicketAnswer(
            String ticket, @JsonProperty("expires_in") Long expiresIn) {
        @Override
        public String toString() {
            return "TicketAnswer[ticket=****, expires_in=" + expiresIn + "]";
        }
    }

    record StableTokenQuery(
            @JsonProperty("grant_type") String grantType,
            String appid,
            String secret,
            @JsonProperty("force_refresh") boolean forceRefresh) {
        @Override
        public String toString() {
            return "StableTokenQuery[appid=" + appid + ", secret=****, force_refresh=" + forceRefresh + "]";
        }
    }

    record CodeSessionAnswer(
            String openid, @JsonProperty("session_key") String sessionKey, String unionid) {
        @Override
        public String toString() {
            return "CodeSessionAnswer[openid=" + openid + ", session_key=****, unionid=" + unionid + "]";
        }
    }

    record SessionKeyAnswer(
            String openid, @JsonProperty("session_key") String sessionKey) {
        @Override
        public String toString() {
            return "SessionKeyAnswer[openid=" + openid + ", session_key=****]";
        }
    }

    record ClearQuotaQuery(String appid) {}

    record PhoneNumberQuery(String code) {
        @Override
        public String toString() {
            return "PhoneNumberQuery[code=****]";
        }
    }

    record PhoneNumberAnswer(@JsonProperty("phone_info") PhoneInfo phoneInfo) {}

    /** {@code countryCode} is a string in WeChat's answers; a number is accepted too and read as its digits. */
    record PhoneInfo(String phoneNumber, String purePhoneNumber, String countryCode, Watermark watermark) {
        @Override
        public String toString() {
            return "PhoneInfo[****, watermark=" + watermark + "]";
        }
    }

    record Watermark(String appid, Long timestamp) {}
}
