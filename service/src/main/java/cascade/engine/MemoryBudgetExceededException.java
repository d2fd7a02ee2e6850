package cascade.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec whose largest run would not fit the memory budget ({@link MemoryEstimate#requireFits}):
 * refused before anything runs. Carries the estimate of the largest run, its biggest terms, the
 * budget, and for every estimator over budget the largest n that would fit.
 */
public final class MemoryBudgetExceededException extends RuntimeException {

    /**
     * What would fit for one estimator.
     *
     * @param estimator     the estimator's name
     * @param largestN      the largest training n (up to the sweep's largest) whose run fits, 0 if none
     * @param estimateBytes the estimate at the sweep's largest n
     */
    public record Fit(String estimator, int largestN, long estimateBytes) {
    }

    private final MemoryEstimate estimate;
    private final long budget;
    private final List<Fit> fits;

    public MemoryBudgetExceededException(MemoryEstimate estimate, long budget, List<Fit> fits) {
        super(message(estimate, budget, fits));
        this.estimate = estimate;
        this.budget = budget;
        this.fits = List.copyOf(fits);
    }

    /** The largest run's estimate. */
    public MemoryEstimate estimate() {
        return estimate;
    }

    public long budget() {
        return budget;
    }

    public List<Fit> fits() {
        return fits;
    }

    private static String message(MemoryEstimate e, long budget, List<Fit> fits) {
        String terms = e.largestTerms(3).stream()
                .map(t -> t.name() + " " + MemoryEstimate.format(t.bytes()))
                .collect(Collectors.joining("; "));
        String fit = fits.stream()
                .map(f -> f.largestN() > 0 ? f.estimator() + " fits up to n = " + f.largestN()
                        : f.estimator() + " does not fit at any n (the test set or the teacher alone is too large)")
                .collect(Collectors.joining("; "));
        return "the largest run (" + e.estimator() + ", n = " + e.n() + ") needs about "
                + MemoryEstimate.format(e.bytes()) + " at its peak (" + e.phase() + "), more than the budget of "
                + MemoryEstimate.format(budget) + "; biggest terms: " + terms + ". What would fit: " + fit;
    }
}
