package cascade.engine;

/**
 * Inputs as estimators see them: n rows of dimension dim, row-major. Rows may be held in memory or
 * regenerated on demand from the counter-based streams, so large n never needs n x dim at once.
 */
public interface Inputs {

    int n();

    int dim();

    /** Copies rows [from, from + count) into out (count x dim, row-major). */
    void rows(int from, int count, double[] out);

    /**
     * The row-major array behind in-memory inputs, shared (never write to it), or null when rows
     * are produced on demand. Its first n x dim entries are these inputs; it may hold more (see
     * {@link #prefix}). Lets hot paths avoid copying large inputs.
     */
    default double @org.jspecify.annotations.Nullable [] backing() {
        return null;
    }

    /** All rows at once (n x dim, row-major); only for estimators whose size is capped. */
    default double[] all() {
        double[] out = new double[Math.multiplyExact(n(), dim())];
        rows(0, n(), out);
        return out;
    }

    /**
     * The first n rows of an in-memory array that may hold more (a prefix of a larger nested
     * sample). {@link #backing()} returns the whole array: only its first n x dim entries are
     * these inputs.
     */
    static Inputs prefix(double[] x, int n, int dim) {
        if (x.length < (long) n * dim) {
            throw new IllegalArgumentException("x has " + x.length + " entries, fewer than " + n + " x " + dim);
        }
        return new InMemory(x, n, dim);
    }

    /** Inputs held in memory. */
    static Inputs of(double[] x, int n, int dim) {
        if (x.length != (long) n * dim) {
            throw new IllegalArgumentException("x has " + x.length + " entries, expected " + n + " x " + dim);
        }
        return new InMemory(x, n, dim);
    }

    /** Rows [0, n) of a row-major array with at least n x dim entries. */
    record InMemory(double[] backing, int n, int dim) implements Inputs {

        @Override
        public void rows(int from, int count, double[] out) {
            if (from < 0 || from + count > n) {
                throw new IndexOutOfBoundsException("rows " + from + "+" + count + " of " + n);
            }
            System.arraycopy(backing, from * dim, out, 0, count * dim);
        }

        @Override
        public double[] all() {
            return java.util.Arrays.copyOf(backing, n * dim);
        }
    }
}
