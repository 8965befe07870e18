package io.athanor.orm.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mapper listeners of a factory, looked up per class once and cached. */
final class MapperListeners {

    private final List<Map.Entry<Class<?>, MapperListener<?>>> registered;
    private final ClassValue<List<MapperListener<Object>>> byClass = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected List<MapperListener<Object>> computeValue(Class<?> type) {
            List<MapperListener<Object>> listeners = new ArrayList<>();
            for (Map.Entry<Class<?>, MapperListener<?>> entry : registered) {
                if (entry.getKey().isAssignableFrom(type)) {
                    listeners.add((MapperListener<Object>) entry.getValue());
                }
            }
            return List.copyOf(listeners);
        }
    };

    MapperListeners(List<Map.Entry<Class<?>, MapperListener<?>>> registered) {
        this.registered = List.copyOf(registered);
    }

    List<MapperListener<Object>> of(Class<?> type) {
        return registered.isEmpty() ? List.of() : byClass.get(type);
    }

    boolean isEmpty() {
        return registered.isEmpty();
    }
}
