package cascade.engine.spec;

import java.util.List;

/**
 * The sample sizes and seeds to run, expanded: every form the contract accepts (list, geometric
 * range, alpha range) becomes the explicit increasing list {@code n}.
 */
public record SweepSpec(List<Integer> n, List<Long> seeds) {

    public SweepSpec {
        n = List.copyOf(n);
        seeds = List.copyOf(seeds);
    }

    public int largestN() {
        return n.get(n.size() - 1);
    }
}
