package io.athanor.orm.engine;

import io.athanor.orm.ArgumentException;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Creates one object per row through a constructor: the DTO projection of {@link Result#into(Class)}. */
final class RowConstructor<T> {

    private final Class<T> type;
    private final Constructor<T> constructor;
    private final Class<?>[] parameterTypes;

    private RowConstructor(Class<T> type, Constructor<T> constructor) {
        this.type = type;
        this.constructor = constructor;
        this.parameterTypes = constructor.getParameterTypes();
        constructor.setAccessible(true);
    }

    @SuppressWarnings("unchecked")
    static <T> RowConstructor<T> of(Class<T> type, int columns) {
        try {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                }
                if (components.length != columns) {
                    throw mismatch(type, columns, components.length);
                }
                return new RowConstructor<>(type, type.getDeclaredConstructor(types));
            }
            List<Constructor<?>> candidates = new ArrayList<>();
            for (Constructor<?> candidate : type.getDeclaredConstructors()) {
                if (candidate.getParameterCount() == columns) {
                    candidates.add(candidate);
                }
            }
            if (candidates.size() != 1) {
                throw new ArgumentException("ATH-E089", type.getSimpleName() + " needs exactly one constructor with "
                        + columns + " parameter(s), one per column of the result, to receive rows; it has "
                        + candidates.size() + ".");
            }
            return new RowConstructor<>(type, (Constructor<T>) candidates.get(0));
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException("a record has its canonical constructor", impossible);
        }
    }

    private static ArgumentException mismatch(Class<?> type, int columns, int components) {
        return new ArgumentException("ATH-E089", "Record " + type.getSimpleName() + " has " + components
                + " component(s) but the result has " + columns + " column(s); select one column per component.");
    }

    T create(Row row) {
        Object[] arguments = new Object[parameterTypes.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = row.get(i, parameterTypes[i]);
            if (arguments[i] == null && parameterTypes[i].isPrimitive()) {
                throw new ArgumentException("ATH-E089", "Column " + i + " (" + row.columns().get(i) + ") is NULL but"
                        + " parameter " + i + " of " + type.getSimpleName() + " is a primitive "
                        + parameterTypes[i].getName() + "; use its wrapper type.");
            }
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("The constructor of " + type.getName() + " failed", cause);
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("Cannot call the constructor of " + type.getName(), failure);
        }
    }
}
