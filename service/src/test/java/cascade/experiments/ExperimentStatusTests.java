package cascade.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.runs.RunCounts;
import org.junit.jupiter.api.Test;

/** An experiment's status as its runs imply it, and the moves its table allows. */
class ExperimentStatusTests {

    static RunCounts runs(int queued, int running, int succeeded, int failed, int cancelled) {
        return new RunCounts(queued + running + succeeded + failed + cancelled, queued, running, succeeded, failed,
                cancelled);
    }

    @Test
    void queuedUntilARunStartsThenRunningUntilNoneIsLeft() {
        assertThat(ExperimentStatus.from(ExperimentStatus.QUEUED, runs(4, 0, 0, 0, 0))).isEqualTo(ExperimentStatus.QUEUED);
        assertThat(ExperimentStatus.from(ExperimentStatus.QUEUED, runs(3, 1, 0, 0, 0))).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(ExperimentStatus.from(ExperimentStatus.RUNNING, runs(3, 0, 1, 0, 0))).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void aFailedRunFailsTheExperimentAndACancelledOneCancelsIt() {
        assertThat(ExperimentStatus.from(ExperimentStatus.RUNNING, runs(0, 0, 4, 0, 0))).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(ExperimentStatus.from(ExperimentStatus.RUNNING, runs(0, 0, 3, 1, 0))).isEqualTo(ExperimentStatus.FAILED);
        assertThat(ExperimentStatus.from(ExperimentStatus.RUNNING, runs(0, 0, 3, 0, 1))).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(ExperimentStatus.from(ExperimentStatus.RUNNING, runs(0, 0, 2, 1, 1))).isEqualTo(ExperimentStatus.FAILED);
    }

    @Test
    void aCancelledExperimentStaysCancelledWhileItsRunningRunsWindDown() {
        assertThat(ExperimentStatus.from(ExperimentStatus.CANCELLED, runs(0, 1, 0, 0, 3)))
                .isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(ExperimentStatus.from(ExperimentStatus.CANCELLED, runs(2, 0, 0, 0, 0)))
                .as("retried").isEqualTo(ExperimentStatus.QUEUED);
    }

    @Test
    void aSucceededExperimentNeverMovesAgain() {
        for (ExperimentStatus next : ExperimentStatus.values()) {
            assertThat(ExperimentStatus.SUCCEEDED.canMoveTo(next)).as(next.name())
                    .isEqualTo(next == ExperimentStatus.SUCCEEDED);
        }
        assertThat(ExperimentStatus.FAILED.canMoveTo(ExperimentStatus.QUEUED)).as("retry").isTrue();
    }
}
