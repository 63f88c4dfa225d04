package dev.wxgate.application.operator;

import dev.wxgate.domain.operator.Operator;

/**
 * {@link ManageOperators} refused a change, for a {@link #reason()} the console can show. The message is fixed per
 * reason: it never holds a password, nor a name someone typed.
 */
public final class OperatorChangeRefusedException extends RuntimeException {

    /** Why a change was refused. */
    public enum Reason {
        INVALID_USERNAME("the username must be 1 to " + Operator.MAX_USERNAME + " of A-Z a-z 0-9 . _ @ -"),
        WEAK_PASSWORD("the password must be at least " + OperatorPasswords.MIN_LENGTH + " characters, at most "
                + OperatorPasswords.MAX_BYTES + " bytes (UTF-8), and not blank"),
        USERNAME_TAKEN("an operator of that name exists already"),
        NO_SUCH_OPERATOR("there is no such operator"),
        SELF_REMOVAL("an operator cannot remove themselves"),
        LAST_ADMIN("the last admin cannot be removed"),
        WRONG_PASSWORD("the current password is wrong");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public OperatorChangeRefusedException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
