package dev.wxgate.adapters.web.errors;

import dev.wxgate.adapters.web.ErrorBody;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.res.StringManager;

/**
 * Adapter: Tomcat's own error report (requests it refuses before any servlet runs: a malformed request line or
 * header, a URI or headers over the buffer, TRACE) written as wxgate's JSON error body, or as a plain console page
 * for console paths; never Tomcat's HTML, version or a stack trace. A request line that overflows the header buffer
 * is answered 414 and headers that do are 431, where Tomcat says 400 for both.
 */
public class JsonErrorReportValve extends ErrorReportValve {
    private static final String HEADER_TOO_LARGE =
            StringManager.getManager(Http11InputBuffer.class).getString("iib.requestheadertoolarge.error");

    public JsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String uri = request.getCoyoteRequest().requestURI().toString();
        if (status == 400 && throwable != null && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            // The request line is parsed first: no URI yet means the URI itself did not fit.
            status = uri == null || uri.isEmpty() ? 414 : 431;
            response.setStatus(status);
        }
        boolean console = uri != null && (uri.equals("/console") || uri.startsWith("/console/"));
        try {
            response.setContentType(console ? "text/html" : "application/json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(
                        console ? page(status) : ErrorBody.forStatus(status).json());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException gone) {
            // The client is gone or the response is closed: there is no one to tell.
        }
    }

    /** Spring (and so the console's templates) never saw this request: a static page in the console's look. */
    private static String page(int status) {
        String reason =
                switch (status) {
                    case 414 -> "Address too long";
                    case 431 -> "Request too large";
                    case 405 -> "Not allowed here";
                    default -> status >= 500 ? "Something went wrong" : "Bad request";
                };
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " · wxgate</title>"
                + "<link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head>"
                + "<body class=\"signin\"><main class=\"signin-box error-page\"><p class=\"status\">" + status
                + "</p><h1>" + reason + "</h1><p><a class=\"button\" href=\"/console\">wxgate console</a></p>"
                + "</main></body></html>";
    }
}
