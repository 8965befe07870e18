package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the {@code @Table} classes of a package and its sub-packages on the class path, in directories
 * and in jars, without initialising any class.
 */
final class ClassScanner {

    private final ClassLoader loader;

    ClassScanner(ClassLoader loader) {
        this.loader = loader;
    }

    List<Class<?>> mappedClasses(String packageName) {
        String path = packageName.replace('.', '/');
        TreeSet<String> classNames = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    scanDirectory(Paths.get(root.toURI()), packageName, classNames);
                } else {
                    URLConnection connection = root.openConnection();
                    if (connection instanceof JarURLConnection) {
                        scanJar(((JarURLConnection) connection).getJarFile(), path, classNames);
                    }
                }
            }
        } catch (IOException | URISyntaxException failure) {
            throw new MappingException("ATH-E058", "Could not scan package '" + packageName + "' for @Table classes: "
                    + failure.getMessage(), failure);
        }
        List<Class<?>> mapped = new ArrayList<>();
        for (String className : classNames) {
            Class<?> type = load(className);
            if (type != null && type.isAnnotationPresent(io.athanor.orm.mapping.Table.class)) {
                mapped.add(type);
            }
        }
        return mapped;
    }

    private static void scanDirectory(Path directory, String packageName, TreeSet<String> classNames) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                String relative = directory.relativize(file).toString().replace(File.separatorChar, '.');
                classNames.add(packageName + "." + relative.substring(0, relative.length() - ".class".length()));
            });
        } catch (UncheckedIOException failure) {
            throw failure.getCause();
        }
    }

    private static void scanJar(JarFile jar, String path, TreeSet<String> classNames) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(path + "/") && name.endsWith(".class")) {
                classNames.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
    }

    private Class<?> load(String className) {
        if (className.endsWith("package-info") || className.endsWith("module-info")) {
            return null;
        }
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError unloadable) {
            // A class whose dependencies are missing cannot be a mapped class of this application.
            return null;
        }
    }
}
