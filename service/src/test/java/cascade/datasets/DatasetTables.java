package cascade.datasets;

import cascade.TestDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The migrated tables in a schema of the test class's own, for dataset tests without a Spring context. */
record DatasetTables(JdbcClient jdbc, TransactionTemplate tx) {

    /** Cleans {@code schema} and migrates it from empty. */
    static DatasetTables migrate(String schema) {
        Flyway flyway = Flyway.configure()
                .dataSource(TestDatabase.url(schema), TestDatabase.user(), TestDatabase.password())
                .schemas(schema).locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        DriverManagerDataSource ds = new DriverManagerDataSource(TestDatabase.url(schema), TestDatabase.user(),
                TestDatabase.password());
        return new DatasetTables(JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)));
    }
}
