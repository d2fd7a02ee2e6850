package cascade.datasets;

import java.io.InputStream;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One stored part read back chunk by chunk, each chunk one short query (no open transaction).
 * A chunk is fetched only if it fits in the bytes the dataset was stored with ({@link Budget},
 * shared by its parts): damaged or added chunks cannot make a load read, or hold, more than that.
 */
final class ChunkInputStream extends InputStream {

    /** Bytes of a dataset's stored size not yet read, over all its parts. */
    static final class Budget {
        private final String dataset;
        private final long stored;
        private long left;

        Budget(String dataset, long stored) {
            this.dataset = dataset;
            this.stored = stored;
            this.left = stored;
        }

        void take(long n) {
            if (n > left) {
                throw new IllegalStateException("dataset " + dataset + " is damaged: its chunks hold more than the "
                        + stored + " bytes stored");
            }
            left -= n;
        }
    }

    private record Chunk(long length, byte @Nullable [] data) {
    }

    private final JdbcClient jdbc;
    private final UUID dataset;
    private final int part;
    private final Budget budget;
    private int seq;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean end;

    ChunkInputStream(JdbcClient jdbc, UUID dataset, int part, Budget budget) {
        this.jdbc = jdbc;
        this.dataset = dataset;
        this.part = part;
        this.budget = budget;
    }

    private boolean fill() {
        while (!end && pos == chunk.length) {
            // The length first: the data only comes back when it fits what is left of the stored size.
            Chunk next = jdbc.sql("""
                    SELECT octet_length(data), CASE WHEN octet_length(data) <= ? THEN data END
                    FROM dataset_chunk WHERE dataset_id = ? AND part = ? AND seq = ?""")
                    .params(budget.left, dataset, part, seq)
                    .query((rs, i) -> new Chunk(rs.getLong(1), rs.getBytes(2))).optional().orElse(null);
            if (next == null) {
                end = true;
            } else {
                budget.take(next.length());
                byte[] data = next.data();
                if (data == null) {
                    throw new IllegalStateException("dataset " + budget.dataset + " is damaged: chunk " + seq
                            + " of part " + part + " has no data");
                }
                chunk = data;
                pos = 0;
                seq++;
            }
        }
        return !end || pos < chunk.length;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return chunk[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }
}
