package cascade.dashboard;

import java.util.Locale;

/** The plots the dashboard draws for an experiment, named as in GET /experiments/{id}/plots/{plot}.svg. */
enum Plot {
    /** Test error against n on log-log axes, with stderr bands, fitted power laws and the theory curve. */
    NMSE,
    /** Per-direction cos^2 against n (the sequential-recovery staircase) with the predicted thresholds. */
    COS2,
    /** Top eigenvalues of the first-layer operator at the largest n, with the estimated bulk edges. */
    SPECTRUM;

    static Plot parse(String name) {
        for (Plot p : values()) {
            if (p.slug().equals(name)) {
                return p;
            }
        }
        throw new UnknownPlotException(name);
    }

    String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
