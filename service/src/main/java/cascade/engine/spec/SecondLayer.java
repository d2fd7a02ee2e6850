package cascade.engine.spec;

/** Second-layer weights B of a hierarchical teacher (SCIENCE.md section 3, step 2). */
public sealed interface SecondLayer {

    /** Diagonal b_j = s_j j^-gamma with random signs s_j. */
    record PowerLaw(double gamma) implements SecondLayer {
    }

    /** Dense GOE-like symmetric B scaled to ||B||_F = frobenius. */
    record Dense(double frobenius) implements SecondLayer {
    }
}
