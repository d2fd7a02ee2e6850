package cascade.engine.linalg;

/** The eigenvector sign convention: the largest-|entry| component is positive. */
public final class Signs {

    private Signs() {
    }

    /** Flips v[from, from+len) in place so its largest-|entry| component is positive. */
    public static void fix(double[] v, int from, int len) {
        int arg = from;
        for (int i = from; i < from + len; i++) {
            if (Math.abs(v[i]) > Math.abs(v[arg])) {
                arg = i;
            }
        }
        if (v[arg] < 0) {
            for (int i = from; i < from + len; i++) {
                v[i] = -v[i];
            }
        }
    }
}
