package dev.wxgate.sandbox;

/**
 * Value: what an emulated WeChat call comes to: a result, a WeChat error, or (injected outage) no answer at all.
 *
 * @param <T> the result of a successful call
 */
sealed interface Outcome<T> {

    record Ok<T>(T value) implements Outcome<T> {}

    record Failed<T>(ErrorCode error) implements Outcome<T> {}

    /** The upstream looks dead: the HTTP layer answers 503 with no body and closes the connection. */
    record Unavailable<T>() implements Outcome<T> {}

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(ErrorCode error) {
        return new Failed<>(error);
    }

    static <T> Outcome<T> unavailable() {
        return new Unavailable<>();
    }
}
