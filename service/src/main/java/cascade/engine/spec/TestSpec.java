package cascade.engine.spec;

/** Fresh test data: {@code n} samples from the same teacher, a stream disjoint from training. */
public record TestSpec(int n) {
}
