package dev.wxgate.adapters.persistence;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

/**
 * MyBatis's object factory for the adapters' package-private row records: the constructor of each (type, argument
 * types) is looked up and made accessible once, then reused. MyBatis's default factory tries every constructor call
 * first without access, so each row it builds from a package-private type throws and catches an
 * {@link IllegalAccessException} (a stack trace filled on every row: a measurable share of a user read).
 */
public final class AccessibleObjectFactory extends DefaultObjectFactory {
    private static final long serialVersionUID = 1L;

    private final transient Map<Key, Constructor<?>> constructors = new ConcurrentHashMap<>();

    private record Key(Class<?> type, List<Class<?>> argumentTypes) {}

    @Override
    public <T> T create(Class<T> type, List<Class<?>> argumentTypes, List<Object> arguments) {
        if (type.isInterface() || type.isArray() || type.isPrimitive()) {
            return super.create(type, argumentTypes, arguments); // the default's collection and map choices
        }
        List<Class<?>> types = argumentTypes == null ? List.of() : List.copyOf(argumentTypes);
        Object[] values = arguments == null ? new Object[0] : arguments.toArray();
        Constructor<?> constructor = constructors.computeIfAbsent(new Key(type, types), AccessibleObjectFactory::find);
        try {
            return type.cast(constructor.newInstance(values));
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new ReflectionException(
                    "Error instantiating " + type.getName() + " with " + types + ". Cause: " + e, e);
        }
    }

    /** How many constructors are cached (for tests). */
    int cachedConstructors() {
        return constructors.size();
    }

    private static Constructor<?> find(Key key) {
        try {
            Constructor<?> constructor =
                    key.type().getDeclaredConstructor(key.argumentTypes().toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new ReflectionException(
                    "Error instantiating " + key.type().getName() + " with " + key.argumentTypes() + ". Cause: " + e,
                    e);
        }
    }
}
