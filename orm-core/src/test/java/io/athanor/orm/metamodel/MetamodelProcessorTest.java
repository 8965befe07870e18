package io.athanor.orm.metamodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void javacGeneratesTheMetamodelAndAQueryUsesIt(@TempDir Path project) throws Exception {
        Path sources = Files.createDirectories(project.resolve("src/shop"));
        Files.writeString(sources.resolve("User.java"), USER, StandardCharsets.UTF_8);
        Files.writeString(sources.resolve("Queries.java"), QUERIES, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(project.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();

        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(sources.resolve("User.java").toFile(), sources.resolve("Queries.java").toFile()))
                .call();

        assertThat(compiled).as(diagnostics.toString()).isTrue();
        assertThat(classes.resolve("shop/User_.class")).exists();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method byName = loader.loadClass("shop.Queries").getMethod("byName");
            assertThat(byName.invoke(null)).isEqualTo("SELECT users.id, users.name FROM users WHERE users.name = ?"
                    + " ORDER BY users.id DESC");
            assertThat(loader.loadClass("shop.User_").getFields()).extracting(java.lang.reflect.Field::getName)
                    .containsExactlyInAnyOrder("id", "name");
        }
    }
}
