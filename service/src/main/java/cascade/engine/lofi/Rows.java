package cascade.engine.lofi;

import cascade.engine.Inputs;

/** Row ranges of inputs as inputs (views: rows are read from the source on demand). */
final class Rows {

    private Rows() {
    }

    /** Rows [from, to) of source; the source itself when the range is all of it. */
    static Inputs range(Inputs source, int from, int to) {
        if (from == 0 && to == source.n()) {
            return source;
        }
        if (from < 0 || to > source.n() || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + source.n());
        }
        return new Inputs() {
            @Override
            public int n() {
                return to - from;
            }

            @Override
            public int dim() {
                return source.dim();
            }

            @Override
            public void rows(int start, int count, double[] out) {
                source.rows(from + start, count, out);
            }
        };
    }
}
