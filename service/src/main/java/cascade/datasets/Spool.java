package cascade.datasets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An upload part read through to a temporary file while the reader validates it, counting bytes
 * against the upload's budget (all parts share it): the upload is never held in memory and an
 * oversized one stops as soon as it crosses the limit.
 */
final class Spool extends FilterInputStream {

    /** Bytes left for the whole upload. */
    static final class Budget {
        private final long limit;
        private long used;

        Budget(long limit) {
            this.limit = limit;
        }

        void take(long n) {
            used += n;
            if (used > limit) {
                throw new DatasetTooLargeException(limit);
            }
        }
    }

    private final OutputStream out;
    private final Budget budget;

    Spool(InputStream in, OutputStream out, Budget budget) {
        super(in);
        this.out = out;
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            budget.take(1);
            out.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            budget.take(n);
            out.write(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
        int got = n <= 0 ? 0 : read(buf, 0, buf.length);
        return Math.max(0, got);
    }

    /** Reads what the validator left (e.g. an archive's central directory) into the file. */
    void drain() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // spooled by read
        }
        out.flush();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the caller owns the request stream
    }
}
