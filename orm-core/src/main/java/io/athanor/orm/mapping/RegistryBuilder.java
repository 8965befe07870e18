package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.schema.MetaData;
import io.athanor.orm.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Registry}: which classes (explicitly, or by scanning packages) and which naming
 * strategy. Obtained from {@link Registry#builder()}.
 */
public final class RegistryBuilder {

    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private final List<String> packages = new ArrayList<>();
    private NamingStrategy naming = NamingStrategy.AS_IS;
    private ClassLoader classLoader;
    private ExcessFractions excessFractions = ExcessFractions.TRUNCATE;

    RegistryBuilder() {
    }

    /**
     * Adds annotated classes.
     *
     * @param types {@code @Table} classes
     * @return this builder
     */
    public RegistryBuilder add(Class<?>... types) {
        classes.addAll(List.of(types));
        return this;
    }

    /**
     * Adds every {@code @Table} class found in these packages and their sub-packages.
     *
     * @param packageNames package names
     * @return this builder
     */
    public RegistryBuilder scan(String... packageNames) {
        packages.addAll(List.of(packageNames));
        return this;
    }

    /**
     * How Java names become table and column names where the annotations give none. Default
     * {@link NamingStrategy#AS_IS}.
     *
     * @param strategy e.g. {@link NamingStrategy#SNAKE_CASE}
     * @return this builder
     */
    public RegistryBuilder namingStrategy(NamingStrategy strategy) {
        this.naming = strategy;
        return this;
    }

    /**
     * The class loader packages are scanned with. Default: the thread's context class loader.
     *
     * @param loader the class loader
     * @return this builder
     */
    public RegistryBuilder classLoader(ClassLoader loader) {
        this.classLoader = loader;
        return this;
    }

    /**
     * What a write does with a time value whose fraction of a second is finer than its column keeps
     * (microseconds on every supported database), for every column that does not say otherwise with
     * {@link Column#excessFractions()}. Default {@link ExcessFractions#TRUNCATE}: the value is written cut
     * to microseconds and a flush sets the field to it. {@link ExcessFractions#REFUSE} refuses it
     * ({@code ATH-E111}); {@link ExcessFractions#DEFAULT} means the default.
     *
     * @param policy {@link ExcessFractions#TRUNCATE} or {@link ExcessFractions#REFUSE}
     * @return this builder
     */
    public RegistryBuilder excessFractions(ExcessFractions policy) {
        this.excessFractions = policy == ExcessFractions.DEFAULT ? ExcessFractions.TRUNCATE : policy;
        return this;
    }

    /**
     * Reads and checks every mapping, creates the tables in the registry's metadata and the mappers.
     *
     * @return the registry
     * @throws MappingException naming the class and field of the first mistake found
     */
    public Registry build() {
        Set<Class<?>> all = new LinkedHashSet<>(classes);
        ClassLoader loader = classLoader != null ? classLoader
                : Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : RegistryBuilder.class.getClassLoader();
        for (String packageName : packages) {
            List<Class<?>> found = new ClassScanner(loader).mappedClasses(packageName);
            if (found.isEmpty()) {
                throw new MappingException("ATH-E058", "Package '" + packageName + "' holds no @Table class; check the"
                        + " package name (sub-packages are included).");
            }
            all.addAll(found);
        }
        DeclarativeReader reader = new DeclarativeReader(naming);
        Map<String, ClassDefinition> byTable = new LinkedHashMap<>();
        for (Class<?> type : all) {
            ClassDefinition definition = reader.read(type);
            ClassDefinition clash = byTable.put(definition.tableName, definition);
            if (clash != null) {
                throw new MappingException("ATH-E059", clash.type.getSimpleName() + " and " + type.getSimpleName()
                        + " both map table '" + definition.tableName + "'. Give each class its own @Table; to map a"
                        + " second class onto an existing table on purpose, use registry.mapImperatively(..).");
            }
        }
        checkForeignKeys(byTable);
        
        Registry registry = new Registry(naming, new MetaData(), excessFractions == ExcessFractions.TRUNCATE);
        java.util.Map<Class<?>, Mapper<?>> built = new java.util.LinkedHashMap<>();
        for (ClassDefinition definition : byTable.values()) {
            try {
                Mapper<?> mapper = buildMapper(registry.metadata(), definition, excessFractions);
                registry.register(mapper);
                built.put(mapper.type(), mapper);
            } catch (io.athanor.orm.ArgumentException invalid) {
                if (invalid instanceof MappingException) {
                    throw invalid;
                }
                throw new MappingException("ATH-E051", definition.type.getSimpleName() + " maps an invalid table: "
                        + invalid.getMessage(), invalid);
            }
        }
        RelationshipResolver relationships = new RelationshipResolver(built);
        for (ClassDefinition definition : byTable.values()) {
            relationships.resolve(built.get(definition.type), definition.relationships);
        }
        relationships.linkBackPopulates(built.values());
        return registry;
    }

    private static void checkForeignKeys(Map<String, ClassDefinition> byTable) {
        for (ClassDefinition definition : byTable.values()) {
            for (FieldDefinition field : definition.fields) {
                if (field.foreignKey == null) {
                    continue;
                }
                int dot = field.foreignKey.lastIndexOf('.');
                String table = field.foreignKey.substring(0, dot);
                String column = field.foreignKey.substring(dot + 1);
                ClassDefinition target = byTable.get(table);
                if (target == null) {
                    throw DeclarativeReader.fail(field.field, "has @ForeignKey(\"" + field.foreignKey + "\"), but no"
                            + " mapped class has table '" + table + "'; the registry's tables are " + byTable.keySet() + ".");
                }
                if (target.fields.stream().noneMatch(candidate -> candidate.columnName.equals(column))) {
                    throw DeclarativeReader.fail(field.field, "has @ForeignKey(\"" + field.foreignKey + "\"), but table '"
                            + table + "' (" + target.type.getSimpleName() + ") has no column '" + column + "'; its columns"
                            + " are " + target.fields.stream().map(candidate -> candidate.columnName).toList() + ".");
                }
            }
        }
    }

    private static <T> Mapper<T> buildMapper(MetaData metadata, ClassDefinition definition,
                                             ExcessFractions registryFractions) {
        Table.Builder table = Table.builder(metadata, definition.tableName);
        for (FieldDefinition field : definition.fields) {
            table.column(field.columnName, field.type, column -> {
                if (field.primaryKey) {
                    column.primaryKey();
                }
                column.nullable(field.nullable);
                if (field.unique) {
                    column.unique();
                }
                if (field.index) {
                    column.index();
                }
                if (field.autoincrement != null) {
                    column.autoincrement(field.autoincrement);
                }
                if (field.serverDefault != null) {
                    column.serverDefault(field.serverDefault);
                }
                if (field.clientDefault != null) {
                    column.defaultValue(field.clientDefault);
                }
                if (field.foreignKey != null && field.foreignKeyName == null) {
                    column.references(field.foreignKey, field.onDelete);
                }
                return column;
            });
        }
        // Fields whose @ForeignKey shares a name form one composite foreign key.
        java.util.Map<String, List<FieldDefinition>> composite = new java.util.LinkedHashMap<>();
        for (FieldDefinition field : definition.fields) {
            if (field.foreignKeyName != null) {
                composite.computeIfAbsent(field.foreignKeyName, ignored -> new ArrayList<>()).add(field);
            }
        }
        composite.forEach((name, fields) -> {
            List<String> local = new ArrayList<>();
            List<String> referred = new ArrayList<>();
            String referredTable = null;
            for (FieldDefinition field : fields) {
                int dot = field.foreignKey.lastIndexOf('.');
                String tableName = field.foreignKey.substring(0, dot);
                if (referredTable != null && !referredTable.equals(tableName)) {
                    throw DeclarativeReader.fail(field.field, "is part of foreign key '" + name + "', whose other columns"
                            + " refer to table '" + referredTable + "'; one foreign key refers to one table.");
                }
                referredTable = tableName;
                local.add(field.columnName);
                referred.add(field.foreignKey.substring(dot + 1));
            }
            table.foreignKey(name, local, referredTable, referred, fields.get(0).onDelete);
        });
        Table built = table.build();
        List<ColumnAttribute> attributes = new ArrayList<>();
        for (FieldDefinition field : definition.fields) {
            ExcessFractions fractions = field.excessFractions == ExcessFractions.DEFAULT ? registryFractions
                    : field.excessFractions;
            attributes.add(new ColumnAttribute(field.field.getName(), field.field.getDeclaringClass(),
                    field.field.getType(), built.column(field.columnName), Accessors.getter(field.field),
                    Accessors.setter(field.field), field.insertable, field.updatable, attributes.size(),
                    field.field.isAnnotationPresent(Version.class), fractions == ExcessFractions.TRUNCATE));
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) definition.type;
        return new Mapper<>(type, built, attributes, Accessors.constructor(type));
    }
}
