package dev.wxgate.adapters.persistence.callback;

import dev.wxgate.domain.callback.CallbackLog;

class InMemoryCallbackLogTest extends AbstractCallbackLogTest {

    @Override
    CallbackLog log(int capacity) {
        return new InMemoryCallbackLog(capacity);
    }
}
