package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.access.Role;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter's route table: which role each request needs (empty: open to everyone). */
class AccessFilterTests {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "open", textBlock = """
            # health is open, and only health
            GET,    /actuator/health,                  open
            GET,    /actuator/health/readiness,        open
            GET,    /actuator/healthz,                 READER
            # the dashboard's files are open, but not its data
            GET,    /,                                 open
            GET,    /dashboard/app.js,                 open
            POST,   /dashboard/app.js,                 ADMIN
            GET,    /experiments/x/plots/nmse.svg,     READER
            # submitters upload and delete datasets
            POST,   /datasets,                         SUBMITTER
            DELETE, /datasets/x,                       SUBMITTER
            GET,    /datasets,                         READER
            # reads need a reader, tokens an admin
            GET,    /experiments/x/results,            READER
            HEAD,   /experiments,                      READER
            GET,    /actuator/prometheus,              READER
            GET,    /tokens,                           ADMIN
            DELETE, /tokens/x,                         ADMIN
            # experiment writes need a submitter, any other write an admin
            POST,   /experiments,                      SUBMITTER
            POST,   /experiments/x/cancel,             SUBMITTER
            POST,   /experiments/x/retry,              SUBMITTER
            DELETE, /experiments/x,                    SUBMITTER
            DELETE, /experiments/x/runs,               ADMIN
            PUT,    /experiments/x,                    ADMIN
            POST,   /actuator/shutdown,                ADMIN
            POST,   /something-new,                    ADMIN
            """)
    void eachRequestNeedsTheRoleOfItsRoute(String method, String path, @Nullable Role role) {
        assertThat(AccessFilter.requiredRole(method, path)).isEqualTo(role);
    }
}
