package cascade.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run state machine: the table of legal moves, and the moves the queue's SQL is built from. */
class RunStatusTests {

    @Test
    void theTableAllowsExactlyTheLifecycleOfARun() {
        assertThat(allowed(RunStatus.QUEUED)).containsExactlyInAnyOrder(RunStatus.RUNNING, RunStatus.CANCELLED);
        assertThat(allowed(RunStatus.RUNNING)).containsExactlyInAnyOrder(RunStatus.SUCCEEDED, RunStatus.FAILED,
                RunStatus.QUEUED, RunStatus.CANCELLED);
        assertThat(allowed(RunStatus.FAILED)).containsExactly(RunStatus.QUEUED);
        assertThat(allowed(RunStatus.CANCELLED)).containsExactly(RunStatus.QUEUED);
        assertThat(allowed(RunStatus.SUCCEEDED)).isEmpty();
    }

    /** Every move the queue makes is in the table, and every entry of the table is made by some move. */
    @Test
    void theQueuesMovesCoverTheTableExactly() {
        Set<String> made = new HashSet<>();
        for (RunMove move : RunMove.values()) {
            for (RunStatus from : move.sources()) {
                assertThat(from.canMoveTo(move.target())).as(move.name()).isTrue();
                made.add(from + "->" + move.target());
            }
        }
        Set<String> table = new HashSet<>();
        for (RunStatus from : RunStatus.values()) {
            allowed(from).forEach(to -> table.add(from + "->" + to));
        }
        assertThat(made).isEqualTo(table);
    }

    @Test
    void movesWriteTheirStatusesAsSqlLiterals() {
        assertThat(RunMove.CLAIM.from()).isEqualTo("'QUEUED'");
        assertThat(RunMove.CLAIM.to()).isEqualTo("'RUNNING'");
        assertThat(RunMove.CANCEL.from()).isEqualTo("'QUEUED', 'RUNNING'");
        assertThat(RunMove.RETRY.from()).isEqualTo("'FAILED', 'CANCELLED'");
        assertThat(RunMove.active()).isEqualTo("'QUEUED', 'RUNNING'");
    }

    @Test
    void countsAddUp() {
        RunCounts c = RunCounts.of(new int[] {1, 2, 3, 4, 5});
        assertThat(c).isEqualTo(new RunCounts(15, 1, 2, 3, 4, 5));
        assertThat(c.active()).isEqualTo(3);
        assertThat(c.done()).isEqualTo(12);
    }

    private static Set<RunStatus> allowed(RunStatus from) {
        Set<RunStatus> to = EnumSet.noneOf(RunStatus.class);
        for (RunStatus next : RunStatus.values()) {
            if (from.canMoveTo(next)) {
                to.add(next);
            }
        }
        return to;
    }
}
