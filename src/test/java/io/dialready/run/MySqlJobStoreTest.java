package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.db.RunLock;
import io.dialready.testdb.MariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The job store on a real MariaDB: one run per job name at a time, whichever machine holds the named lock. */
@Tag("mysql")
class MySqlJobStoreTest {

    MariaDb.Schema schema;
    MySqlJobStore store;

    @BeforeEach
    void database() {
        schema = MariaDb.shared().newSchema();
        store = new MySqlJobStore(schema.url(), "root", "");
    }

    @AfterEach
    void drop() {
        schema.close();
    }

    @Test
    void oneRunPerJobHoldsTheLockUntilItLetsGo() throws Exception {
        try (JobStore.Lock first = store.tryLock("nightly")) {
            assertThat(first).isNotNull();
            // another machine's run of the same job: a connection of its own
            assertThat(RunLock.tryAcquire(schema.connect(), "nightly")).isNull();
            assertThat(store.tryLock("nightly")).isNull();
            try (JobStore.Lock other = store.tryLock("another job")) {
                assertThat(other).as("another job's lock is its own").isNotNull();
            }
        }
        try (RunLock again = RunLock.tryAcquire(schema.connect(), "nightly")) {
            assertThat(again).as("released with the run").isNotNull();
        }
        assertThat(store.busyMessage("nightly"))
                .isEqualTo("another dialready run of job 'nightly' is using the database " + schema.url()
                        + "; wait for it to finish");
    }

    @Test
    void theSpringPropertiesPointAtTheDatabaseWithThePasswordOnlyWhereItBelongs() {
        MySqlJobStore withPassword = new MySqlJobStore(schema.url(), "dialready", "s3cret");
        assertThat(withPassword.springProperties())
                .containsEntry("spring.datasource.url", schema.url())
                .containsEntry("spring.datasource.username", "dialready")
                .containsEntry("spring.datasource.password", "s3cret")
                .containsEntry("spring.flyway.baseline-on-migrate", "true");
        assertThat(withPassword.toString()).doesNotContain("s3cret");
    }

    @Test
    void aUrlThatIsNotMySqlOrAServerThatIsNotThereIsSaidWithoutThePassword() {
        assertThatThrownBy(() -> new MySqlJobStore("jdbc:postgresql://db/x?password=secret", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://")
                .hasMessageNotContaining("secret");
        MySqlJobStore nowhere = new MySqlJobStore("jdbc:mysql://127.0.0.1:1/x?password=secret", "root", null);
        assertThatThrownBy(() -> nowhere.tryLock("job"))
                .isInstanceOf(JobStore.Unavailable.class)
                .hasMessageStartingWith("cannot reach the database jdbc:mysql://127.0.0.1:1/x?password=***: ")
                .hasMessageEndingWith(" (check --database, --database-user and DIALREADY_DATABASE_PASSWORD)")
                .hasMessageNotContaining("secret");
    }
}
