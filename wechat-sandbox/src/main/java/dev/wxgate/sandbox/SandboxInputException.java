package dev.wxgate.sandbox;

/** Failure: control API input the sandbox refuses; the message names the field or the missing thing. */
final class SandboxInputException extends RuntimeException {
    enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        FORBIDDEN
    }

    private final Kind kind;

    SandboxInputException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    static SandboxInputException invalid(String message) {
        return new SandboxInputException(Kind.INVALID, message);
    }

    static SandboxInputException notFound(String message) {
        return new SandboxInputException(Kind.NOT_FOUND, message);
    }

    static SandboxInputException forbidden(String message) {
        return new SandboxInputException(Kind.FORBIDDEN, message);
    }
}
