package io.athanor.orm.session;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.sql.Sql;
import io.athanor.orm.testing.AcrossDatabases;
import io.athanor.orm.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a flush's INSERTs bind and remember: a new object's fields are read once when its INSERT is
 * prepared; values set after the check that precedes the first statement are checked again, and the
 * snapshot is what was bound.
 */
class InsertValuesTest {

    @AcrossDatabases
    void aValueTooLongForItsColumnSetByABeforeInsertListenerIsRefusedAndNoRowIsWritten(TestDatabase db) {
        SessionFactory sessions = SessionTestSupport.sessions(db, Customer.class, new MapperListener<>() {
            @Override
            public void beforeInsert(Session session, Customer customer) {
                if (customer.getName().equals("Ann")) {
                    customer.setName("A".repeat(51));
                }
            }
        });
        try (Session session = sessions.openSession()) {
            session.addAll(List.of(new Customer("Ed", "UK"), new Customer("Ann", "FR")));

            assertThatThrownBy(session::flush)
                    .isInstanceOf(ArgumentException.class)
                    .satisfies(failure -> assertThat(((ArgumentException) failure).code()).isEqualTo("ATH-E105"));
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.execute(Sql.text("select count(*) from customers")).scalar(Long.class)).isZero();
        }
    }

    @AcrossDatabases
    void aChangeMadeByAnotherObjectsAfterInsertListenerBeforeThisObjectIsReportedIsWrittenByTheNextFlush(
            TestDatabase db) {
        Customer ann = new Customer("Ann", "FR");
        SessionFactory sessions = SessionTestSupport.sessions(db, Customer.class, new MapperListener<>() {
            @Override
            public void afterInsert(Session session, Customer customer) {
                if (customer.getName().equals("Ed")) {
                    ann.setCountry("DE");
                }
            }
        });
        try (Session session = sessions.openSession()) {
            session.addAll(List.of(new Customer("Ed", "UK"), ann));
            session.flush();

            assertThat(session.isModified(ann)).isTrue();
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Customer.class, ann.getId()).getCountry()).isEqualTo("DE");
        }
    }

    @AcrossDatabases
    void aChangeMadeByAnAfterInsertListenerToAnObjectOfTheNextBatchIsInThatObjectsInsert(TestDatabase db) {
        Parent chosen = new Parent(1000L, "chosen");
        SessionFactory sessions = SessionTestSupport.sessions(db, Parent.class, new MapperListener<>() {
            @Override
            public void afterInsert(Session session, Parent parent) {
                if (parent.getName().equals("generated")) {
                    chosen.setName("renamed");
                }
            }
        });
        try (Session session = sessions.openSession()) {
            // A chosen key makes other columns than a generated one: the two objects go in two batches.
            session.addAll(List.of(new Parent(null, "generated"), chosen));
            session.flush();

            assertThat(session.isModified(chosen)).isFalse();
            session.commit();
        }
        try (Session session = sessions.openSession()) {
            assertThat(session.get(Parent.class, 1000L).getName()).isEqualTo("renamed");
        }
    }
}
