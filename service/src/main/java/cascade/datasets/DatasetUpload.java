package cascade.datasets;

import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import java.io.InputStream;
import java.util.List;

/**
 * One upload: its name and owner, the format, where labels are, and the uploaded files as streams
 * in order (one for csv and npz; features then labels for npy). The caller closes the streams.
 */
public record DatasetUpload(String name, String owner, DatasetFormat format, DatasetLayout layout,
        List<InputStream> parts) {

    public DatasetUpload {
        parts = List.copyOf(parts);
    }
}
