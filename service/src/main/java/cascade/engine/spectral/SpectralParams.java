package cascade.engine.spectral;

import cascade.engine.spec.Catalog;
import cascade.engine.spec.DirectionRule;
import cascade.engine.spec.Param;
import cascade.engine.spec.Tree;
import java.util.List;
import java.util.function.Function;

/** The parameters both spectral kinds declare: directions kept and the block power iteration's limits. */
final class SpectralParams {

    /** Most directions a spec may ask for. */
    static final int MAX_DIRECTIONS = 10_000;

    private SpectralParams() {
    }

    /**
     * {@code directions}: a count k, "auto" (eigenvalues outside the estimated bulk edge, at most
     * the fallback's k) or "all" (no truncation); the catalog entry is {@code shown}.
     */
    static <S> Param<S, DirectionRule> directions(Catalog.Parameter shown, DirectionRule fallback,
            Function<S, DirectionRule> getter) {
        return Param.of(shown, SpectralParams::readDirections, fallback, s -> switch (getter.apply(s)) {
            case DirectionRule.Fixed f -> f.k();
            case DirectionRule.Auto a -> "auto";
            case DirectionRule.All all -> "all";
        });
    }

    static Catalog.Parameter directionsEntry(String type, Object shown, String description) {
        return new Catalog.Parameter("directions", type, false, shown, 1.0, (double) MAX_DIRECTIONS,
                List.of("auto", "all"), description);
    }

    private static DirectionRule readDirections(Tree t, String key, DirectionRule fallback) {
        Object raw = t.raw(key);
        if (raw == null) {
            return fallback;
        }
        if ("auto".equals(raw)) {
            return new DirectionRule.Auto(fallback instanceof DirectionRule.Fixed f ? f.k() : MAX_DIRECTIONS);
        }
        if ("all".equals(raw)) {
            return new DirectionRule.All();
        }
        if (raw instanceof String) {
            t.error(key, "must be a positive integer, \"auto\" or \"all\"");
            return fallback;
        }
        Long k = t.checkInteger(key, raw, 1, MAX_DIRECTIONS);
        return k == null ? fallback : new DirectionRule.Fixed(k.intValue());
    }

    static <S> Param<S, Integer> iterations(Function<S, Integer> getter) {
        return Param.integer("iterations", 30, 1, 10_000, getter, "cap on block power iterations");
    }

    static <S> Param<S, Integer> oversample(Function<S, Integer> getter) {
        return Param.integer("oversample", 10, 0, 1000, getter, "extra block columns");
    }

    static <S> Param<S, Double> tolerance(Function<S, Double> getter) {
        return Param.number("tolerance", 1e-6, 0, 1, getter, "relative residual that stops the iteration");
    }
}
