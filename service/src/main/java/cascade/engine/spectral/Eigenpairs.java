package cascade.engine.spectral;

/**
 * Leading eigenpairs by decreasing |lambda|: values (k) and vectors as orthonormal rows (k x D),
 * each with its largest-|entry| component positive; with the iterations used and the final
 * largest relative residual ||M v - lambda v|| / |lambda| over the wanted pairs (0 when exact).
 */
record Eigenpairs(double[] values, double[] vectors, int k, int dim, int iterations, double residual) {
}
