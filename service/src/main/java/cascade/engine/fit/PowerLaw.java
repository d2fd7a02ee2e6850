package cascade.engine.fit;

/**
 * A fitted log-log line: metric ~ exp(intercept) n^exponent over [nMin, nMax] (points used),
 * with a 95% interval on the exponent and how it was computed.
 */
public record PowerLaw(double exponent, double intercept, double ci95Low, double ci95High, double r2,
        double nMin, double nMax, int points, String intervalMethod) {
}
