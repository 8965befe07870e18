package io.athanor.orm.spring.slice;

import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionFactory;
import io.athanor.orm.spring.test.OrmTest;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.athanor.orm.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

@OrmTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrmSliceTest {

    @Autowired
    SessionFactory sessions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    @Order(1)
    void theCurrentSessionWorksInATestMethod() {
        Session session = sessions.currentSession();
        session.add(new Note("first"));
        session.flush();

        assertThat(session.scalars(select(Note.class)).all()).extracting(Note::getText).containsExactly("first");
        assertThat(jdbc.queryForObject("select count(*) from notes", Long.class)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void eachTestIsRolledBack() {
        assertThat(jdbc.queryForObject("select count(*) from notes", Long.class)).isZero();
    }

    @Test
    void onlyPersistenceBeansAreInTheContext() {
        assertThat(context.getBeanNamesForType(NoteController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SessionFactory.class)).hasSize(1);
    }
}
