package dev.wxgate.domain;

/**
 * A store behind a secondary port (the user database, the session store) could not be reached, did not answer in
 * time, or failed in a way the caller cannot fix by changing its input; retrying later may work. The message names the
 * store and the operation, never a token, a key or user data.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
