package io.dialready.cli;

import io.dialready.testdb.MariaDb;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every lookup-engine scenario of {@link LookupJobTest} again with the job repository, the cache, the quotas and the
 * run's lookup tables in a real MariaDB ({@code --database}): the upserts, the plan's window function and the quota's
 * conditional UPDATE in MySQL's dialect.
 */
class LookupJobMySqlTest extends LookupJobTest {

    MariaDb.Schema schema;

    @BeforeEach
    void mariaDb() {
        schema = MariaDb.shared().newSchema();
    }

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Override
    List<String> databaseOptions() {
        return List.of("--database", schema.url(), "--database-user", "root");
    }
}
