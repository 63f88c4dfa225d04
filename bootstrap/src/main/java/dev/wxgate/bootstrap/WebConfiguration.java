package dev.wxgate.bootstrap;

import dev.wxgate.adapters.web.HttpErrors;
import dev.wxgate.adapters.web.api.MiniProgramApiConfiguration;
import dev.wxgate.adapters.web.security.WebSecurityConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The inbound HTTP adapters wxgate serves. */
@Configuration(proxyBeanMethods = false)
@Import({WebSecurityConfiguration.class, MiniProgramApiConfiguration.class, HttpErrors.class})
class WebConfiguration {}
