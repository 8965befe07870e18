package io.athanor.orm.mapping;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defines, for one mapped field, a hidden class implementing {@link FieldAccess} with the JVM's own field
 * instructions: {@code get} is a cast, a {@code getfield} and, for a primitive, its {@code valueOf};
 * {@code set} the reverse. The class is a nestmate of the class that declares the field, so private fields
 * are reachable, and it has no branch, so it needs no stack map frames.
 *
 * <p>Why: a profile of a commit checking 10,000 loaded objects for changes spent most of its time in
 * {@code MethodHandle.invokeExact}, because one call site reads every field of every class through a
 * handle that is not a constant, which the JIT compiler cannot inline. An interface call to a small
 * class costs a fraction of that. Hibernate and others generate such classes with a bytecode library;
 * three methods of straight-line code do not need one.
 *
 * <p>A class can only be defined with full privilege access to the field's class, which Athanor has
 * when both are in the same module (on the class path, the usual case). Otherwise, or when the JVM
 * refuses the class, {@link #generate} returns null and the caller falls back to method handles.
 */
final class FieldAccessGenerator {

    private static final int CLASS_FILE_VERSION = 61;
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_FINAL = 0x0010;
    private static final int ACC_SUPER = 0x0020;

    private FieldAccessGenerator() {
    }

    /**
     * A generated access for {@code field}, or null where none can be defined.
     *
     * @param field an instance field that is not final
     * @return the access, or null
     */
    static FieldAccess generate(Field field) {
        Class<?> owner = field.getDeclaringClass();
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers()) || owner.isHidden()
                || owner.isArray() || owner.isPrimitive()) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
            if (!lookup.hasFullPrivilegeAccess()) {
                return null;
            }
            MethodHandles.Lookup defined = lookup.defineHiddenClass(classFile(field), true,
                    MethodHandles.Lookup.ClassOption.NESTMATE);
            return (FieldAccess) defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable refused) {
            // Any refusal (access, verification, a class loader that cannot see FieldAccess) leaves the
            // method-handle path, which works wherever the mapping itself could be read.
            if (refused instanceof VirtualMachineError) {
                throw (VirtualMachineError) refused;
            }
            return null;
        }
    }

    /** The class file of the access class for {@code field}. */
    static byte[] classFile(Field field) {
        ConstantPool pool = new ConstantPool();
        String owner = internalName(field.getDeclaringClass());
        Class<?> type = field.getType();
        int thisClass = pool.classRef(owner + "$AthanorFieldAccess");
        int superClass = pool.classRef("java/lang/Object");
        int accessInterface = pool.classRef(internalName(FieldAccess.class));
        int objectConstructor = pool.methodRef("java/lang/Object", "<init>", "()V");
        int ownerClass = pool.classRef(owner);
        int fieldRef = pool.fieldRef(owner, field.getName(), descriptor(type));
        int valueOf = 0;
        int unbox = 0;
        int valueClass = 0;
        if (type.isPrimitive()) {
            String wrapper = internalName(wrapper(type));
            valueOf = pool.methodRef(wrapper, "valueOf", "(" + descriptor(type) + ")L" + wrapper + ";");
            unbox = pool.methodRef(wrapper, type.getName() + "Value", "()" + descriptor(type));
            valueClass = pool.classRef(wrapper);
        } else if (type != Object.class) {
            valueClass = pool.classRef(type.isArray() ? descriptor(type) : internalName(type));
        }
        int code = pool.utf8("Code");
        int constructorName = pool.utf8("<init>");
        int constructorType = pool.utf8("()V");
        int getName = pool.utf8("get");
        int getType = pool.utf8("(Ljava/lang/Object;)Ljava/lang/Object;");
        int setName = pool.utf8("set");
        int setType = pool.utf8("(Ljava/lang/Object;Ljava/lang/Object;)V");

        Bytecode constructor = new Bytecode()
                .op(0x2a)                                  // aload_0
                .op(0xb7).u2(objectConstructor)            // invokespecial Object.<init>
                .op(0xb1);                                 // return
        Bytecode get = new Bytecode()
                .op(0x2b)                                  // aload_1
                .op(0xc0).u2(ownerClass)                   // checkcast Owner
                .op(0xb4).u2(fieldRef);                    // getfield
        if (type.isPrimitive()) {
            get.op(0xb8).u2(valueOf);                      // invokestatic Wrapper.valueOf
        }
        get.op(0xb0);                                      // areturn
        Bytecode set = new Bytecode()
                .op(0x2b)                                  // aload_1
                .op(0xc0).u2(ownerClass)                   // checkcast Owner
                .op(0x2c);                                 // aload_2
        if (valueClass != 0) {
            set.op(0xc0).u2(valueClass);                   // checkcast Type (or its wrapper)
        }
        if (type.isPrimitive()) {
            set.op(0xb6).u2(unbox);                        // invokevirtual Wrapper.xxxValue
        }
        set.op(0xb5).u2(fieldRef)                          // putfield
                .op(0xb1);                                 // return
        // A long or a double takes two stack slots: get holds one at most, set the object and one.
        int wide = type == long.class || type == double.class ? 1 : 0;

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(CLASS_FILE_VERSION);
            pool.writeTo(out);
            out.writeShort(ACC_PUBLIC | ACC_FINAL | ACC_SUPER);
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(1);
            out.writeShort(accessInterface);
            out.writeShort(0);                             // fields
            out.writeShort(3);                             // methods
            method(out, constructorName, constructorType, code, 1, 1, constructor);
            method(out, getName, getType, code, 1 + wide, 2, get);
            method(out, setName, setType, code, 2 + wide, 3, set);
            out.writeShort(0);                             // class attributes
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void method(DataOutputStream out, int name, int type, int code, int maxStack, int maxLocals,
                               Bytecode body) throws IOException {
        byte[] instructions = body.toByteArray();
        out.writeShort(ACC_PUBLIC);
        out.writeShort(name);
        out.writeShort(type);
        out.writeShort(1);                                 // attributes: Code
        out.writeShort(code);
        out.writeInt(2 + 2 + 4 + instructions.length + 2 + 2);
        out.writeShort(maxStack);
        out.writeShort(maxLocals);
        out.writeInt(instructions.length);
        out.write(instructions);
        out.writeShort(0);                                 // exception table
        out.writeShort(0);                                 // attributes of Code
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return internalName(type);
        } else if (!type.isPrimitive()) {
            return "L" + internalName(type) + ";";
        }
        return type == int.class ? "I" : type == long.class ? "J" : type == boolean.class ? "Z" : type == byte.class
                ? "B" : type == short.class ? "S" : type == char.class ? "C" : type == float.class ? "F" : "D";
    }

    private static Class<?> wrapper(Class<?> type) {
        return type == int.class ? Integer.class : type == long.class ? Long.class : type == boolean.class
                ? Boolean.class : type == byte.class ? Byte.class : type == short.class ? Short.class
                : type == char.class ? Character.class : type == float.class ? Float.class : Double.class;
    }

    /** A method body under construction. */
    private static final class Bytecode {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);

        Bytecode op(int opcode) {
            bytes.write(opcode);
            return this;
        }

        Bytecode u2(int value) {
            bytes.write(value >>> 8);
            bytes.write(value);
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** The constant pool, each entry written once; indexes start at 1. */
    private static final class ConstantPool {
        private static final int UTF8 = 1;
        private static final int CLASS = 7;
        private static final int FIELD_REF = 9;
        private static final int METHOD_REF = 10;
        private static final int NAME_AND_TYPE = 12;

        private final Map<String, Integer> indexes = new LinkedHashMap<>();
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(entries);

        int utf8(String value) {
            return entry("u:" + value, () -> {
                out.writeByte(UTF8);
                out.writeUTF(value);
            });
        }

        int classRef(String internalName) {
            int name = utf8(internalName);
            return entry("c:" + internalName, () -> {
                out.writeByte(CLASS);
                out.writeShort(name);
            });
        }

        int fieldRef(String owner, String name, String descriptor) {
            return memberRef(FIELD_REF, owner, name, descriptor);
        }

        int methodRef(String owner, String name, String descriptor) {
            return memberRef(METHOD_REF, owner, name, descriptor);
        }

        private int memberRef(int tag, String owner, String name, String descriptor) {
            int ownerClass = classRef(owner);
            int nameIndex = utf8(name);
            int typeIndex = utf8(descriptor);
            int nameAndType = entry("n:" + name + ":" + descriptor, () -> {
                out.writeByte(NAME_AND_TYPE);
                out.writeShort(nameIndex);
                out.writeShort(typeIndex);
            });
            return entry(tag + ":" + owner + "." + name + ":" + descriptor, () -> {
                out.writeByte(tag);
                out.writeShort(ownerClass);
                out.writeShort(nameAndType);
            });
        }

        private int entry(String key, Writer writer) {
            Integer known = indexes.get(key);
            if (known != null) {
                return known;
            }
            try {
                writer.write();
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            int index = indexes.size() + 1;
            indexes.put(key, index);
            return index;
        }

        void writeTo(DataOutputStream target) throws IOException {
            out.flush();
            target.writeShort(indexes.size() + 1);
            entries.writeTo(target);
        }

        @FunctionalInterface
        private interface Writer {
            void write() throws IOException;
        }
    }
}
