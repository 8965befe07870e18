package io.athanor.orm.mapping;

import java.lang.invoke.MethodHandle;

/**
 * The field access used where no class can be generated for a field ({@link FieldAccessGenerator}): two
 * method handles, resolved once. Slower per call, because a call site shared by every field cannot inline
 * a handle that is not a constant.
 */
final class MethodHandleFieldAccess implements FieldAccess {

    private final MethodHandle getter;
    private final MethodHandle setter;

    MethodHandleFieldAccess(MethodHandle getter, MethodHandle setter) {
        this.getter = getter;
        this.setter = setter;
    }

    @Override
    public Object get(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (Throwable failure) {
            throw rethrow(failure);
        }
    }

    @Override
    public void set(Object entity, Object value) {
        try {
            setter.invokeExact(entity, value);
        } catch (Throwable failure) {
            throw rethrow(failure);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        } else if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new IllegalStateException(failure);
    }
}
