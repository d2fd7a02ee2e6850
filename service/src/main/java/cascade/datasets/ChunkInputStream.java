package cascade.datasets;

import java.io.InputStream;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One stored part read back chunk by chunk, each chunk one short query (no open transaction). */
final class ChunkInputStream extends InputStream {

    private final JdbcClient jdbc;
    private final UUID dataset;
    private final int part;
    private int seq;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean end;

    ChunkInputStream(JdbcClient jdbc, UUID dataset, int part) {
        this.jdbc = jdbc;
        this.dataset = dataset;
        this.part = part;
    }

    private boolean fill() {
        while (!end && pos == chunk.length) {
            byte[] next = jdbc.sql("SELECT data FROM dataset_chunk WHERE dataset_id = ? AND part = ? AND seq = ?")
                    .params(dataset, part, seq).query(byte[].class).optional().orElse(null);
            if (next == null) {
                end = true;
            } else {
                chunk = next;
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
