package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;

import cascade.access.AccessTokens;
import cascade.access.Caller;
import cascade.access.ExperimentChanges;
import cascade.access.NotOwnerException;
import cascade.access.Role;
import cascade.access.SubmissionGuard;
import cascade.datasets.Datasets;
import cascade.experiments.Baselines;
import cascade.experiments.ExperimentNotFoundException;
import cascade.experiments.ExperimentPage;
import cascade.experiments.ExperimentStateException;
import cascade.experiments.ExperimentStatus;
import cascade.experiments.ExperimentView;
import cascade.experiments.Experiments;
import cascade.experiments.Submission;
import cascade.results.Results;
import cascade.runs.RunCounts;
import cascade.runs.RunStatus;
import cascade.runs.RunView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * {@link ExperimentsController} and {@link ExperimentResultsController} as a web slice: the controller, the access filter (access control
 * off) and {@link ApiExceptionHandler}, every module behind them mocked. Shows the answers'
 * shapes and each failure's status and problem type without a database.
 */
@WebMvcTest({ExperimentsController.class, ExperimentResultsController.class})
class ExperimentsControllerTests {

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000007");
    static final String SPEC = """
            {"name": "slice", "teacher": {"kind": "hierarchical", "input": "gaussian-equivalent", "d": 8, "p": 3},
             "estimators": [{"kind": "ridge"}], "sweep": {"n": [200, 400], "seeds": 1}}""";

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    Experiments experiments;
    @MockitoBean
    Results results;
    @MockitoBean
    Baselines baselines;
    @MockitoBean
    Datasets datasets;
    @MockitoBean
    SubmissionGuard guard;
    @MockitoBean
    ExperimentChanges changes;
    /** The access filter's store; a mock answers "access control off", as on a local run. */
    @MockitoBean
    AccessTokens tokens;

    static ExperimentView view(ExperimentStatus status) {
        return new ExperimentView(ID, "slice", List.of("t"), "local", status, Map.of("name", "slice"),
                new RunCounts(2, 1, 1, 0, 0, 0), Instant.parse("2026-01-01T00:00:00Z"), null, null);
    }

    @Test
    void aSubmissionIsAcceptedWithItsLocationAndWhetherItWasReplayed() {
        given(guard.submit(eq(Caller.LOCAL), any(), eq("k-1"), isNull())).willReturn(new Submission(view(ExperimentStatus.QUEUED),
                false));
        MvcTestResult r = mvc.post().uri("/experiments").contentType(MediaType.APPLICATION_JSON).content(SPEC)
                .header("Idempotency-Key", "k-1").exchange();
        assertThat(r).hasStatus(202).hasHeader("Location", "/experiments/" + ID)
                .hasHeader("Idempotent-Replayed", "true");
        assertThat(r).bodyJson().extractingPath("$.status").isEqualTo("QUEUED");
        assertThat(r).bodyJson().extractingPath("$.progress.fraction").isEqualTo(0.0);
        assertThat(r).bodyJson().extractingPath("$.progress.running").isEqualTo(1);
    }

    @Test
    void runsAreListedWithTheirStatusAsText() {
        given(experiments.runsOf(ID)).willReturn(List.of(new RunView(UUID.randomUUID(), 0, "ridge", 200, 0,
                RunStatus.RUNNING, 1, null, null, null, null)));
        assertThat(mvc.get().uri("/experiments/{id}/runs", ID)).hasStatusOk().bodyJson()
                .extractingPath("$[0].status").isEqualTo("RUNNING");
    }

    @Test
    void anUnknownExperimentIsA404ProblemDetail() {
        given(experiments.get(ID)).willThrow(new ExperimentNotFoundException(ID));
        MvcTestResult r = mvc.get().uri("/experiments/{id}", ID).exchange();
        assertThat(r).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r).bodyJson().extractingPath("$.type").isEqualTo("https://cascade.example/problems/not-found");
        assertThat(r).bodyJson().extractingPath("$.title").isEqualTo("Experiment not found");
    }

    @Test
    void anImpossibleChangeIsA409AndAnotherOwnersExperimentA403() {
        given(changes.retry(Caller.LOCAL, ID)).willThrow(new ExperimentStateException("nothing to retry"));
        assertThat(mvc.post().uri("/experiments/{id}/retry", ID)).hasStatus(409).bodyJson()
                .extractingPath("$.type").isEqualTo("https://cascade.example/problems/conflict");
        given(changes.cancel(Caller.LOCAL, ID)).willReturn(view(ExperimentStatus.CANCELLED));
        assertThat(mvc.post().uri("/experiments/{id}/cancel", ID)).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("CANCELLED");
        willThrow(new NotOwnerException(ID, Role.SUBMITTER)).given(changes).delete(Caller.LOCAL, ID);
        MvcTestResult forbidden = mvc.delete().uri("/experiments/{id}", ID).exchange();
        assertThat(forbidden).hasStatus(403).bodyJson().extractingPath("$.type")
                .isEqualTo("https://cascade.example/problems/forbidden");
        assertThat(forbidden).bodyJson().extractingPath("$.detail").asString()
                .contains("a submitter token may only change its own");
    }

    @Test
    void aBadFilterIsA400NamingTheParameter() {
        MvcTestResult r = mvc.get().uri("/experiments?status=DONE").exchange();
        assertThat(r).hasStatus(400);
        assertThat(r).bodyJson().extractingPath("$.errors[0].field").isEqualTo("status");
        assertThat(r).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED");
        given(experiments.list(any())).willReturn(new ExperimentPage(List.of(view(ExperimentStatus.FAILED)), null));
        assertThat(mvc.get().uri("/experiments?status=FAILED")).hasStatusOk().bodyJson()
                .extractingPath("$.items[0].status").isEqualTo("FAILED");
    }
}
