package dev.wxgate.adapters.persistence.alert;

import dev.wxgate.domain.alert.AlertStates;

class InMemoryAlertStatesTest extends AbstractAlertStatesTest {
    private final InMemoryAlertStates states = new InMemoryAlertStates();

    @Override
    AlertStates states() {
        return states;
    }

    @Override
    AlertStates otherNode() {
        return states;
    }
}
