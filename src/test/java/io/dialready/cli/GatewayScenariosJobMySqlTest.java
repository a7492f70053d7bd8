package io.dialready.cli;

import io.dialready.testdb.MariaDb;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The gateway scenarios of {@link GatewayScenariosJobTest} again with the job repository, the quotas (claims given back
 * by refused calls) and the run's lookup tables in a real MariaDB ({@code --database}).
 */
class GatewayScenariosJobMySqlTest extends GatewayScenariosJobTest {

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
