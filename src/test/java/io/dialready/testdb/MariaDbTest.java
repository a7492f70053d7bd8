package io.dialready.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The test servers themselves: a private one really stops and comes back with its data. */
@Tag("slow")
class MariaDbTest {

    @Test
    void privateServerStopsAndRestartsWithItsData() throws Exception {
        try (MariaDb own = MariaDb.startOwn(); MariaDb.Schema schema = own.newSchema()) {
            try (Connection c = schema.connect()) {
                c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
                c.createStatement().execute("INSERT INTO t VALUES (7)");
            }
            own.stop();
            assertThatThrownBy(schema::connect).isInstanceOf(SQLException.class);
            own.restart();
            try (Connection c = schema.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT id FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }
}
