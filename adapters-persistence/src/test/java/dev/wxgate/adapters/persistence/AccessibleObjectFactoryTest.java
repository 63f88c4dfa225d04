package dev.wxgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.reflection.ReflectionException;
import org.junit.jupiter.api.Test;

class AccessibleObjectFactoryTest {
    private record Row(Long id, String name) {}

    private final AccessibleObjectFactory factory = new AccessibleObjectFactory();

    @Test
    void buildsAPackagePrivateRecordAndLooksItsConstructorUpOnce() {
        for (int i = 0; i < 3; i++) {
            Row row = factory.create(Row.class, List.of(Long.class, String.class), List.of(7L, "seven"));
            assertThat(row).isEqualTo(new Row(7L, "seven"));
        }
        assertThat(factory.cachedConstructors()).isEqualTo(1);
    }

    @Test
    void collectionsAndMapsAreTheDefaultFactorysChoice() {
        assertThat(factory.create(List.class)).isInstanceOf(ArrayList.class);
        assertThat(factory.create(Map.class)).isInstanceOf(java.util.HashMap.class);
    }

    @Test
    void aMissingConstructorIsAReflectionException() {
        assertThatExceptionOfType(ReflectionException.class)
                .isThrownBy(() -> factory.create(Row.class, List.of(String.class), List.of("x")));
    }
}
