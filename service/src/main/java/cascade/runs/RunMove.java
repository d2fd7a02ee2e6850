package cascade.runs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The status changes the queue performs, each with the statuses it starts from and the one it
 * leads to. The SQL of {@link RunQueue} and {@link Runs} takes its status literals from here
 * ({@link #from()}, {@link #to()}), never from hand-typed strings, and every move must be allowed
 * by {@link RunStatus#canMoveTo}: a move the table forbids fails when this class loads.
 */
enum RunMove {

    /** A worker takes a queued run under a lease. */
    CLAIM(RunStatus.RUNNING, RunStatus.QUEUED),
    /** The worker that still holds the lease records the outcome. */
    SUCCEED(RunStatus.SUCCEEDED, RunStatus.RUNNING),
    /** A failed attempt with attempts left, an expired lease, or a run given back at shutdown. */
    REQUEUE(RunStatus.QUEUED, RunStatus.RUNNING),
    /** A failed attempt, or an expired lease, with no attempt left. */
    GIVE_UP(RunStatus.FAILED, RunStatus.RUNNING),
    /** The user cancels the experiment; running runs stop at their next checkpoint. */
    CANCEL(RunStatus.CANCELLED, RunStatus.QUEUED, RunStatus.RUNNING),
    /** The user retries the experiment's failed and cancelled runs with fresh attempts. */
    RETRY(RunStatus.QUEUED, RunStatus.FAILED, RunStatus.CANCELLED);

    private final RunStatus to;

    private final Set<RunStatus> from;

    RunMove(RunStatus to, RunStatus... from) {
        this.to = to;
        this.from = EnumSet.copyOf(Arrays.asList(from));
        for (RunStatus f : this.from) {
            if (!f.canMoveTo(to)) {
                throw new IllegalStateException(name() + ": RunStatus does not allow " + f + " -> " + to);
            }
        }
    }

    RunStatus target() {
        return to;
    }

    Set<RunStatus> sources() {
        return from;
    }

    /** The target as an SQL literal, e.g. {@code 'RUNNING'}. */
    String to() {
        return literal(to);
    }

    /** The sources as an SQL list, e.g. {@code 'QUEUED', 'RUNNING'} (for {@code status IN (…)}). */
    String from() {
        return from.stream().map(RunMove::literal).collect(Collectors.joining(", "));
    }

    /** The statuses QUEUED and RUNNING as an SQL list: runs that still count against a quota. */
    static String active() {
        return Arrays.stream(RunStatus.values())
            .filter(RunStatus::isActive)
            .map(RunMove::literal)
            .collect(Collectors.joining(", "));
    }

    /** A status as an SQL literal, e.g. {@code 'QUEUED'} (the status a new run starts in). */
    static String literal(RunStatus status) {
        return "'" + status.name() + "'";
    }

}
