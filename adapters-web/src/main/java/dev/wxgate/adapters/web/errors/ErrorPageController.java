package dev.wxgate.adapters.web.errors;

import dev.wxgate.adapters.web.ErrorBody;
import dev.wxgate.adapters.web.console.ConsoleErrorPage;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adapter: what {@code /error} answers for every failure that reached the servlet container as a status (a filter's
 * {@code sendError}, the security firewall, an exception no advice took): the console's page under {@code /console},
 * the JSON error body everywhere else, written whatever the client accepts. It replaces Spring Boot's default error
 * JSON and HTML. It logs nothing: an exception that escaped was logged once by the container.
 */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // Asked for directly, /error is just a path nothing lives at.
        int status = code instanceof Integer number && number >= 400 ? number : 404;
        if (uri instanceof String path
                && (path.equals(request.getContextPath() + "/console")
                        || path.startsWith(request.getContextPath() + "/console/"))) {
            return ConsoleErrorPage.of(status);
        }
        response.resetBuffer();
        ErrorBody.forStatus(status).writeTo(response, status);
        return null;
    }
}
