package dev.wxgate.adapters.web.errors;

import dev.wxgate.adapters.web.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Adapter guard, ahead of every security chain on the machine paths: a path no endpoint serves is 404 and a method
 * the path does not take is 405 with {@code Allow}, for anonymous callers too. It looks at routes only (the same
 * handler mappings the dispatcher uses), never at data: which endpoints exist is public (docs/api.md, the OpenAPI
 * description), while whether a session, app or user exists is still decided after authentication. The console
 * (a browser app that sends strangers to its sign-in page) and the sandbox (its own error shape) are left alone.
 */
final class KnownRouteFilter extends OncePerRequestFilter {
    private final ListableBeanFactory beans;
    private volatile List<HandlerMapping> mappings;

    KnownRouteFilter(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/console")
                || path.startsWith("/console/")
                || path.startsWith("/_sandbox/")
                || path.equals("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Route route;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            route = route(request);
        } finally {
            ServletRequestPathUtils.clearParsedRequestPath(request);
        }
        if (route instanceof Route.Missing) {
            new ErrorBody("not_found", "no such path").writeTo(response, HttpServletResponse.SC_NOT_FOUND);
        } else if (route instanceof Route.WrongMethod wrong) {
            response.setHeader(HttpHeaders.ALLOW, wrong.allow());
            new ErrorBody("method_not_allowed", "this path does not take " + request.getMethod())
                    .writeTo(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else {
            chain.doFilter(request, response);
        }
    }

    private sealed interface Route {
        record Served() implements Route {}

        record Missing() implements Route {}

        record WrongMethod(String allow) implements Route {}
    }

    private Route route(HttpServletRequest request) {
        for (HandlerMapping mapping : mappings()) {
            HandlerExecutionChain handler;
            try {
                handler = mapping.getHandler(request);
            } catch (HttpRequestMethodNotSupportedException wrongMethod) {
                String allow = wrongMethod.getSupportedHttpMethods() == null
                        ? ""
                        : wrongMethod.getSupportedHttpMethods().stream()
                                .map(Object::toString)
                                .collect(Collectors.joining(", "));
                return new Route.WrongMethod(allow);
            } catch (Exception other) {
                // A route that exists but refuses this request otherwise (media type, parameters): MVC says how.
                return new Route.Served();
            }
            // Spring Boot's static resource handler claims every path; wxgate serves no static files there.
            if (handler != null && !(handler.getHandler() instanceof ResourceHttpRequestHandler)) {
                return new Route.Served();
            }
        }
        return new Route.Missing();
    }

    private List<HandlerMapping> mappings() {
        List<HandlerMapping> known = mappings;
        if (known == null) {
            known = new ArrayList<>(beans.getBeansOfType(HandlerMapping.class).values());
            AnnotationAwareOrderComparator.sort(known);
            mappings = known;
        }
        return known;
    }
}
