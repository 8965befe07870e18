package io.athanor.orm.metamodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles a small project with plain javac and orm-core on the class path, as a user's build would. */
class MetamodelProcessorTest {

    private static final String USER = "package shop;\n"
            + "import io.athanor.orm.mapping.Column;\n"
            + "import io.athanor.orm.mapping.Table;\n"
            + "@Table(\"users\")\n"
            + "public class User {\n"
            + "    @Column(primaryKey = true) private long id;\n"
            + "    @Column(length = 30) private String name;\n"
            + "    private String notMapped;\n"
            + "    protected User() {}\n"
            + "}\n";

    private static final String QUERIES = "package shop;\n"
            + "import io.athanor.orm.dialect.h2.H2Dialect;\n"
            + "import io.athanor.orm.mapping.Registry;\n"
            + "import io.athanor.orm.sql.ColumnRef;\n"
            + "import static io.athanor.orm.sql.Sql.select;\n"
            + "public class Queries {\n"
            + "    public static String byName() {\n"
            + "        ColumnRef<String> name = User_.name;\n"
            + "        ColumnRef<Long> id = User_.id;\n"
            + "        return select(User.class).where(name.eq(\"sandy\")).orderBy(id.desc())\n"
            + "                .toSql(new H2Dialect(), Registry.of(User.class));\n"
            + "    }\n"
            + "}\n";

    /** A model validated as Spring PetClinic's are: Bean Validation and JSpecify annotations are type-use. */
    private static final String OWNER = "package clinic;\n"
            + "import io.athanor.orm.mapping.Column;\n"
            + "import io.athanor.orm.mapping.Table;\n"
            + "import jakarta.validation.constraints.Digits;\n"
            + "import jakarta.validation.constraints.NotBlank;\n"
            + "import jakarta.validation.constraints.NotNull;\n"
            + "import jakarta.validation.constraints.Past;\n"
            + "import jakarta.validation.constraints.Size;\n"
            + "import java.time.LocalDate;\n"
            + "import org.jspecify.annotations.Nullable;\n"
            + "@Table(\"owners\")\n"
            + "public class Owner {\n"
            + "    @Column(primaryKey = true) private @Nullable Integer id;\n"
            + "    @Column(length = 30) @NotBlank @Size(max = 30) private String lastName;\n"
            + "    @Column(length = 10) @NotBlank @Digits(fraction = 0, integer = 10) private String telephone;\n"
            + "    @Column @Past private @Nullable LocalDate birthDate;\n"
            + "    @Column @NotNull private int visits;\n"
            + "    protected Owner() {}\n"
            + "}\n";

    private static final String OWNER_QUERIES = "package clinic;\n"
            + "import io.athanor.orm.dialect.h2.H2Dialect;\n"
            + "import io.athanor.orm.mapping.Registry;\n"
            + "import io.athanor.orm.sql.ColumnRef;\n"
            + "import java.time.LocalDate;\n"
            + "import static io.athanor.orm.sql.Sql.select;\n"
            + "public class Queries {\n"
            + "    public static String byLastName() {\n"
            + "        ColumnRef<String> lastName = Owner_.lastName;\n"
            + "        ColumnRef<LocalDate> birthDate = Owner_.birthDate;\n"
            + "        ColumnRef<Integer> visits = Owner_.visits;\n"
            + "        return select(Owner.class).where(lastName.eq(\"Davis\")).orderBy(birthDate.desc(), visits.asc())\n"
            + "                .toSql(new H2Dialect(), Registry.of(Owner.class));\n"
            + "    }\n"
            + "}\n";

    /** Annotations in every place a type can carry one; compiled only, so not every field needs to be mappable. */
    private static final String PLACES = "package clinic;\n"
            + "import io.athanor.orm.mapping.Column;\n"
            + "import io.athanor.orm.mapping.Table;\n"
            + "import jakarta.validation.constraints.NotBlank;\n"
            + "import jakarta.validation.constraints.NotEmpty;\n"
            + "import jakarta.validation.constraints.Size;\n"
            + "import java.util.List;\n"
            + "import java.util.Map;\n"
            + "import org.jspecify.annotations.Nullable;\n"
            + "@Table(\"places\")\n"
            + "public class Places {\n"
            + "    public enum Kind { CAT, DOG }\n"
            + "    @Column(primaryKey = true) private long id;\n"
            + "    @Column private byte @Nullable [] photo;\n"
            + "    @Column private @Size(max = 2) String @Nullable [] @NotEmpty [] grid;\n"
            + "    @Column private Places.@Nullable Kind kind;\n"
            + "    @Column private @NotEmpty List<@NotBlank String> tags;\n"
            + "    @Column private Map<@NotBlank String, @Nullable List<@Nullable Integer>> scores;\n"
            + "    protected Places() {}\n"
            + "}\n";

    @Test
    void javacGeneratesTheMetamodelAndAQueryUsesIt(@TempDir Path project) throws Exception {
        Compilation compilation = compile(project, Map.of("shop/User.java", USER, "shop/Queries.java", QUERIES));

        assertThat(compilation.succeeded).as(compilation.diagnostics).isTrue();
        assertThat(project.resolve("classes/shop/User_.class")).exists();
        try (URLClassLoader loader = compilation.loader()) {
            Method byName = loader.loadClass("shop.Queries").getMethod("byName");
            assertThat(byName.invoke(null)).isEqualTo("SELECT users.id, users.name FROM users WHERE users.name = ?"
                    + " ORDER BY users.id DESC");
            assertThat(loader.loadClass("shop.User_").getFields()).extracting(Field::getName)
                    .containsExactlyInAnyOrder("id", "name");
        }
    }

    @Test
    void beanValidationAndJSpecifyAnnotationsOnFieldsAreLeftOutOfTheMetamodel(@TempDir Path project)
            throws Exception {
        Compilation compilation = compile(project,
                Map.of("clinic/Owner.java", OWNER, "clinic/Queries.java", OWNER_QUERIES));

        assertThat(compilation.succeeded).as(compilation.diagnostics).isTrue();
        assertThat(compilation.declarations("clinic/Owner_.java")).containsExactly(
                "public static final io.athanor.orm.sql.ColumnRef<java.lang.Integer> id"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Owner.class, \"id\", java.lang.Integer.class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.lang.String> lastName"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Owner.class, \"lastName\", java.lang.String.class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.lang.String> telephone"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Owner.class, \"telephone\", java.lang.String.class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.time.LocalDate> birthDate"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Owner.class, \"birthDate\","
                        + " java.time.LocalDate.class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.lang.Integer> visits"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Owner.class, \"visits\", java.lang.Integer.class);");
        try (URLClassLoader loader = compilation.loader()) {
            Method byLastName = loader.loadClass("clinic.Queries").getMethod("byLastName");
            assertThat(byLastName.invoke(null)).isEqualTo("SELECT owners.id, owners.\"lastName\", owners.telephone,"
                    + " owners.\"birthDate\", owners.visits FROM owners WHERE owners.\"lastName\" = ?"
                    + " ORDER BY owners.\"birthDate\" DESC, owners.visits ASC");
        }
    }

    @Test
    void annotatedArraysNestedTypesAndTypeArgumentsGiveThePlainErasedType(@TempDir Path project) throws Exception {
        Compilation compilation = compile(project, Map.of("clinic/Places.java", PLACES));

        assertThat(compilation.succeeded).as(compilation.diagnostics).isTrue();
        assertThat(compilation.declarations("clinic/Places_.java")).containsExactly(
                "public static final io.athanor.orm.sql.ColumnRef<java.lang.Long> id"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Places.class, \"id\", java.lang.Long.class);",
                "public static final io.athanor.orm.sql.ColumnRef<byte[]> photo"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Places.class, \"photo\", byte[].class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.lang.String[][]> grid"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Places.class, \"grid\", java.lang.String[][].class);",
                "public static final io.athanor.orm.sql.ColumnRef<clinic.Places.Kind> kind"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Places.class, \"kind\", clinic.Places.Kind.class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.util.List> tags"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Places.class, \"tags\", java.util.List.class);",
                "public static final io.athanor.orm.sql.ColumnRef<java.util.Map> scores"
                        + " = io.athanor.orm.sql.ColumnRef.of(clinic.Places.class, \"scores\", java.util.Map.class);");
    }

    /** Runs javac on the sources (paths under src/) with the test class path, as a user's build would. */
    private Compilation compile(Path project, Map<String, String> sources) throws IOException {
        List<java.io.File> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = project.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            files.add(file.toFile());
        }
        Path classes = Files.createDirectories(project.resolve("classes"));
        Path generated = Files.createDirectories(project.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean succeeded = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-s", generated.toString(),
                        "-classpath", System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromFiles(files))
                .call();
        return new Compilation(succeeded, diagnostics.toString(), classes, generated);
    }

    private record Compilation(boolean succeeded, String diagnostics, Path classes, Path generated) {

        /** The generated file's field declarations, one line each. */
        List<String> declarations(String file) throws IOException {
            return Files.readAllLines(generated.resolve(file)).stream().map(String::strip)
                    .filter(line -> line.startsWith("public static final")).toList();
        }

        URLClassLoader loader() throws IOException {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, MetamodelProcessorTest.class.getClassLoader());
        }
    }
}
