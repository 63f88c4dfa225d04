package dev.wxgate.adapters.web.console;

/** A console page asked for something that does not exist (an app, a user): answered with the 404 page. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String what) {
        super(what, null, false, false);
    }
}
