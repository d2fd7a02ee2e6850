package cascade.engine.spec;

/** How many first-layer directions a spectral estimator keeps (SCIENCE.md section 8). */
public sealed interface DirectionRule {

    /** Keep exactly k directions (the papers keep p). */
    record Fixed(int k) implements DirectionRule {
    }

    /**
     * Keep only eigenvalues outside the bulk edge estimated from the data, at most {@code max}
     * (SCIENCE.md section 8: directions kept beyond the recovered ones add test noise).
     */
    record Auto(int max) implements DirectionRule {
    }

    /** Keep every direction: no spectral truncation (the full moment operator). */
    record All() implements DirectionRule {
    }

    /** Upper bound on the number of directions, used to size the eigen-solver's block. */
    default int maxDirections() {
        return switch (this) {
            case Fixed f -> f.k();
            case Auto a -> a.max();
            case All all -> Integer.MAX_VALUE;
        };
    }
}
