package io.athanor.orm.engine;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a statement error's message shows a statement that is too long to read whole. */
class StatementTextTest {

    @Test
    void aLongStatementWithoutARowListIsShownByItsFirstThousandCharactersAndItsLength() {
        String sql = "SELECT id FROM customers WHERE id IN (" + String.join(", ", Collections.nCopies(600, "?")) + ")";

        String shown = StatementText.sql(sql, 600);

        assertThat(sql).hasSize(1837);
        assertThat(shown).isEqualTo(sql.substring(0, 1000) + " ... (1,837 characters, 600 parameters)");
    }

    @Test
    void aRowListIsShownByItsFirstRowThenWhatFollowsIt() {
        String sql = "INSERT INTO t (a, b) VALUES " + String.join(", ", Collections.nCopies(500, "(?, 'x)')"))
                + " ON CONFLICT (a) DO NOTHING";

        assertThat(StatementText.sql(sql, 500)).isEqualTo("INSERT INTO t (a, b) VALUES (?, 'x)'), ... (500 rows,"
                + " 500 parameters) ON CONFLICT (a) DO NOTHING");
    }

    @Test
    void theFirstTwentyParametersAreShownAndTheRestCounted() {
        List<String> parameters = Collections.nCopies(1000, "'ed'");

        assertThat(StatementText.parameters(parameters))
                .isEqualTo("[" + String.join(", ", Collections.nCopies(20, "'ed'")) + ", ... 980 more]");
    }

    @Test
    void aLongDriverMessageIsCutAfterAThousandCharacters() {
        String message = "x".repeat(1500);

        assertThat(StatementText.driverMessage(message, "SELECT 1", 0))
                .isEqualTo("x".repeat(1000) + " ... (1,500 characters)");
    }
}
