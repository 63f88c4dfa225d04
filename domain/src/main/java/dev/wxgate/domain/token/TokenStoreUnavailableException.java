package dev.wxgate.domain.token;

/** The token store (Redis in a cluster) could not be reached or did not answer in time. No secret in the message. */
public final class TokenStoreUnavailableException extends RuntimeException {

    public TokenStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
