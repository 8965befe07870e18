package io.athanor.orm;

import io.athanor.orm.engine.Connection;
import io.athanor.orm.engine.Engine;
import io.athanor.orm.sql.Sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's examples as written. */
class ReadmeExampleTest {

    @Test
    void theFirstExampleRunsAsWritten() {
        String name;
        // --- README: engine example (keep in sync) ---
        try (Engine engine = Engine.create("jdbc:h2:mem:shop")) {      // no connection opened yet
            try (Connection conn = engine.connect()) {                   // first connection here
                conn.execute(Sql.text("create table salesperson (id int primary key, name varchar(50))"));
                conn.execute(Sql.text("insert into salesperson values (:id, :name)").bind("id", 1).bind("name", "John Doe"));
                conn.commit();
                name = conn.execute(Sql.text("select name from salesperson where id = :id").bind("id", 1)).scalar();
            }                                                            // closing without commit rolls back
        }
        // --- end of README example ---
        assertThat(name).isEqualTo("John Doe");
    }
}
