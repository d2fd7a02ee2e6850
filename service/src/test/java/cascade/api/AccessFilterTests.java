package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.access.Role;
import org.junit.jupiter.api.Test;

/** The filter's route table: which role each request needs (null: open). */
class AccessFilterTests {

    @Test
    void healthIsOpen() {
        assertThat(AccessFilter.requiredRole("GET", "/actuator/health")).isNull();
        assertThat(AccessFilter.requiredRole("GET", "/actuator/health/readiness")).isNull();
        assertThat(AccessFilter.requiredRole("GET", "/actuator/healthz")).isEqualTo(Role.READER);
    }

    @Test
    void dashboardFilesAreOpenButNotItsData() {
        assertThat(AccessFilter.requiredRole("GET", "/")).isNull();
        assertThat(AccessFilter.requiredRole("GET", "/dashboard/app.js")).isNull();
        assertThat(AccessFilter.requiredRole("POST", "/dashboard/app.js")).isEqualTo(Role.ADMIN);
        assertThat(AccessFilter.requiredRole("GET", "/experiments/x/plots/nmse.svg")).isEqualTo(Role.READER);
    }

    @Test
    void submittersUploadAndDeleteDatasets() {
        assertThat(AccessFilter.requiredRole("POST", "/datasets")).isEqualTo(Role.SUBMITTER);
        assertThat(AccessFilter.requiredRole("DELETE", "/datasets/x")).isEqualTo(Role.SUBMITTER);
        assertThat(AccessFilter.requiredRole("GET", "/datasets")).isEqualTo(Role.READER);
    }

    @Test
    void readsNeedAReaderAndTokensAnAdmin() {
        assertThat(AccessFilter.requiredRole("GET", "/experiments/x/results")).isEqualTo(Role.READER);
        assertThat(AccessFilter.requiredRole("HEAD", "/experiments")).isEqualTo(Role.READER);
        assertThat(AccessFilter.requiredRole("GET", "/actuator/prometheus")).isEqualTo(Role.READER);
        assertThat(AccessFilter.requiredRole("GET", "/tokens")).isEqualTo(Role.ADMIN);
        assertThat(AccessFilter.requiredRole("DELETE", "/tokens/x")).isEqualTo(Role.ADMIN);
    }

    @Test
    void experimentWritesNeedASubmitterAndAnyOtherWriteAnAdmin() {
        assertThat(AccessFilter.requiredRole("POST", "/experiments")).isEqualTo(Role.SUBMITTER);
        assertThat(AccessFilter.requiredRole("POST", "/experiments/x/cancel")).isEqualTo(Role.SUBMITTER);
        assertThat(AccessFilter.requiredRole("POST", "/experiments/x/retry")).isEqualTo(Role.SUBMITTER);
        assertThat(AccessFilter.requiredRole("DELETE", "/experiments/x")).isEqualTo(Role.SUBMITTER);
        assertThat(AccessFilter.requiredRole("DELETE", "/experiments/x/runs")).isEqualTo(Role.ADMIN);
        assertThat(AccessFilter.requiredRole("PUT", "/experiments/x")).isEqualTo(Role.ADMIN);
        assertThat(AccessFilter.requiredRole("POST", "/actuator/shutdown")).isEqualTo(Role.ADMIN);
        assertThat(AccessFilter.requiredRole("POST", "/something-new")).isEqualTo(Role.ADMIN);
    }
}
