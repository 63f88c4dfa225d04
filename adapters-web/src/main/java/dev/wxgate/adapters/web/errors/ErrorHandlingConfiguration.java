package dev.wxgate.adapters.web.errors;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Adapter wiring: one error shape at every edge. {@code /error} answers what reached the container as a status,
 * Tomcat's error report answers what never reached a servlet, and unknown routes and wrong methods are answered
 * before any security chain asks for credentials.
 */
@Configuration(proxyBeanMethods = false)
@Import(ErrorPageController.class)
public class ErrorHandlingConfiguration {
    /** Ahead of Spring Security's filter chain (registered at -100 by default). */
    static final int ROUTE_FILTER_ORDER = -110;

    @Bean
    FilterRegistrationBean<KnownRouteFilter> knownRouteFilter(ListableBeanFactory beans) {
        FilterRegistrationBean<KnownRouteFilter> registration =
                new FilterRegistrationBean<>(new KnownRouteFilter(beans));
        registration.setOrder(ROUTE_FILTER_ORDER);
        return registration;
    }

    /**
     * Tomcat's host uses wxgate's error report instead of its HTML one. Runs after Spring Boot's own customizer,
     * which adds a plain {@link ErrorReportValve} (to hide the stack trace): that one is replaced, not stacked.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReport() {
        return new JsonErrorReport();
    }

    private static final class JsonErrorReport
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standard) {
                    // So that the host does not add its default one when it starts.
                    standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
                host.getPipeline().addValve(new JsonErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
