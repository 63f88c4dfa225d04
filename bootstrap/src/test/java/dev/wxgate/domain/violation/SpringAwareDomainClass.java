package dev.wxgate.domain.violation;

import org.springframework.stereotype.Component;

/** A deliberate violation (test sources only), proving the core-purity rule catches what Maven would not. */
@Component
public class SpringAwareDomainClass {}
