package cascade.datasets;

import cascade.TestDatabase;
import cascade.experiments.Experiments;
import java.time.InstantSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mockito.Mockito;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migrated tables in a schema of the test class's own, for dataset tests without a Spring
 * context: migrated from empty before the class, the dataset tables emptied before each test.
 * Register with {@code @RegisterExtension static final DatasetTables tables = new DatasetTables("it_…");}.
 */
final class DatasetTables implements BeforeAllCallback, BeforeEachCallback {

    private final String schema;
    private JdbcClient jdbc;
    private TransactionTemplate tx;

    DatasetTables(String schema) {
        this.schema = schema;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Flyway flyway = Flyway.configure()
                .dataSource(TestDatabase.url(schema), TestDatabase.user(), TestDatabase.password())
                .schemas(schema).locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        DriverManagerDataSource ds = new DriverManagerDataSource(TestDatabase.url(schema), TestDatabase.user(),
                TestDatabase.password());
        jdbc = JdbcClient.create(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.truncate(jdbc, "dataset, dataset_chunk");
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** Datasets without experiments (uploads and loads only: no experiment is ever asked about). */
    Datasets datasets(DatasetsProperties properties, DatasetStore store) {
        return new Datasets(jdbc, tx, tools.jackson.databind.json.JsonMapper.builder().build(), InstantSource.system(),
                properties, store, Mockito.mock(Experiments.class));
    }
}
