package io.athanor.orm.metamodel;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates {@code Entity_} metamodel classes for {@code @Table} classes. Registered through
 * {@code META-INF/services/javax.annotation.processing.Processor}, so it needs no configuration.
 */
public final class MetamodelProcessor extends AbstractProcessor {

    private static final String TABLE = "io.athanor.orm.mapping.Table";
    private static final String COLUMN = "io.athanor.orm.mapping.Column";

    /** Created by javac. */
    public MetamodelProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(TABLE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement table = processingEnv.getElementUtils().getTypeElement(TABLE);
        if (table == null) {
            return false;
        }
        for (Element element : round.getElementsAnnotatedWith(table)) {
            if (element.getKind() == ElementKind.CLASS && !element.getModifiers().contains(Modifier.PRIVATE)) {
                generate((TypeElement) element);
            }
        }
        return false;
    }

    private void generate(TypeElement entity) {
        PackageElement packageElement = processingEnv.getElementUtils().getPackageOf(entity);
        String packageName = packageElement.isUnnamed() ? "" : packageElement.getQualifiedName().toString();
        String simpleName = metamodelName(entity);
        Map<String, String> attributes = attributes(entity);
        Filer filer = processingEnv.getFiler();
        String qualified = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
        try {
            JavaFileObject file = filer.createSourceFile(qualified, entity);
            try (Writer out = file.openWriter()) {
                out.write(source(packageName, simpleName, entity.getQualifiedName().toString(), attributes));
            }
        } catch (IOException failure) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "Athanor could not write the metamodel " + qualified + ": " + failure.getMessage(), entity);
        }
    }

    /** {@code User} gives {@code User_}; a nested {@code Shop.User} gives {@code Shop_User_}. */
    private static String metamodelName(TypeElement entity) {
        StringBuilder name = new StringBuilder(entity.getSimpleName());
        Element enclosing = entity.getEnclosingElement();
        while (entity.getNestingKind() == NestingKind.MEMBER && enclosing instanceof TypeElement) {
            name.insert(0, ((TypeElement) enclosing).getSimpleName() + "_");
            enclosing = enclosing.getEnclosingElement();
        }
        return name + "_";
    }

    /** Mapped fields by name with their boxed, erased types, superclass fields first. */
    private Map<String, String> attributes(TypeElement entity) {
        Deque<TypeElement> hierarchy = new ArrayDeque<>();
        for (TypeElement current = entity; current != null; current = superclass(current)) {
            hierarchy.push(current);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (TypeElement type : hierarchy) {
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD && !member.getModifiers().contains(Modifier.STATIC)
                        && hasColumn(member)) {
                    attributes.put(member.getSimpleName().toString(), typeName(((VariableElement) member).asType()));
                }
            }
        }
        return attributes;
    }

    private TypeElement superclass(TypeElement type) {
        TypeMirror parent = type.getSuperclass();
        if (parent.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) parent).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }

    private static boolean hasColumn(Element field) {
        for (AnnotationMirror annotation : field.getAnnotationMirrors()) {
            if (((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().contentEquals(COLUMN)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The field's type as source text, boxed and erased. Written from the type's elements rather than by
     * {@code TypeMirror.toString()}, which keeps type-use annotations: a field declared
     * {@code @NotBlank String name} would give {@code @NotBlank String.class}, which does not compile.
     */
    private String typeName(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return processingEnv.getTypeUtils().boxedClass((PrimitiveType) type).getQualifiedName().toString();
        }
        return sourceName(processingEnv.getTypeUtils().erasure(type));
    }

    /**
     * An erased type as source text, without any annotation: its own, its array components' (as in
     * {@code byte @Nullable []}) and its enclosing types' (as in {@code Shop.@Nullable Address}).
     */
    private String sourceName(TypeMirror erased) {
        switch (erased.getKind()) {
            case ARRAY:
                return sourceName(((ArrayType) erased).getComponentType()) + "[]";
            case DECLARED:
            case ERROR:
                // The element's qualified name names a nested type as Outer.Inner, with no type arguments.
                return ((TypeElement) ((DeclaredType) erased).asElement()).getQualifiedName().toString();
            case BOOLEAN:
            case BYTE:
            case SHORT:
            case INT:
            case LONG:
            case CHAR:
            case FLOAT:
            case DOUBLE:
                // A primitive array component stays primitive: byte[] is not Byte[].
                return erased.getKind().name().toLowerCase(Locale.ROOT);
            default:
                // Erasure leaves no type variable, wildcard or intersection: nothing else is a field's type.
                return erased.toString();
        }
    }

    private static String source(String packageName, String simpleName, String entity, Map<String, String> attributes) {
        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        out.append("/** Typed attributes of {@link ").append(entity).append("}, for queries checked by the compiler. */\n");
        out.append("@javax.annotation.processing.Generated(\"").append(MetamodelProcessor.class.getName()).append("\")\n");
        out.append("public final class ").append(simpleName).append(" {\n\n");
        List<String> names = new ArrayList<>(attributes.keySet());
        for (String name : names) {
            String type = attributes.get(name);
            out.append("    /** {@code ").append(entity).append('.').append(name).append("}. */\n");
            out.append("    public static final io.athanor.orm.sql.ColumnRef<").append(type).append("> ").append(name)
                    .append(" = io.athanor.orm.sql.ColumnRef.of(").append(entity).append(".class, \"").append(name)
                    .append("\", ").append(type).append(".class);\n\n");
        }
        out.append("    private ").append(simpleName).append("() {\n    }\n}\n");
        return out.toString();
    }
}
