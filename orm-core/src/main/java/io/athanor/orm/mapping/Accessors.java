package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/** Resolves the method handles that read and write mapped fields and create instances, once per class. */
final class Accessors {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private Accessors() {
    }

    static void requireNoArgConstructor(Class<?> type) {
        if (type.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(type.getModifiers())) {
            throw new MappingException("ATH-E050", type.getSimpleName() + " is an inner class; make it static so that"
                    + " it can be created without an enclosing instance.");
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException missing) {
            throw new MappingException("ATH-E050", type.getSimpleName() + " has no no-argument constructor; add one"
                    + " (it may be protected or private) so that Athanor can create instances when loading rows.");
        }
    }

    static MethodHandle constructor(Class<?> type) {
        try {
            return lookup(type).findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException failure) {
            throw inaccessible(type, failure);
        }
    }

    static MethodHandle getter(Field field) {
        try {
            return lookup(field.getDeclaringClass()).unreflectGetter(field).asType(GETTER);
        } catch (ReflectiveOperationException failure) {
            throw inaccessible(field.getDeclaringClass(), failure);
        }
    }

    static MethodHandle setter(Field field) {
        try {
            return lookup(field.getDeclaringClass()).unreflectSetter(field).asType(SETTER);
        } catch (ReflectiveOperationException failure) {
            throw inaccessible(field.getDeclaringClass(), failure);
        }
    }

    private static MethodHandles.Lookup lookup(Class<?> type) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    }

    private static MappingException inaccessible(Class<?> type, Exception failure) {
        return new MappingException("ATH-E057", "Athanor cannot access the fields or constructor of " + type.getName()
                + " (" + failure.getMessage() + "). In a named module, open its package to io.athanor.orm.", failure);
    }
}
