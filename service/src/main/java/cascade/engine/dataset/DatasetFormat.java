package cascade.engine.dataset;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a dataset is uploaded. {@code CSV}: one file, a header row, one label column (by name), the
 * other columns are features. {@code NPZ}: one NumPy archive with a 2-D features array and a 1-D
 * labels array (by name, default {@code x} and {@code y}). {@code NPY}: two NumPy files, features
 * (2-D) then labels (1-D, or 2-D with one column).
 */
public enum DatasetFormat {
    CSV, NPZ, NPY;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Number of uploaded files the format takes. */
    public int parts() {
        return this == NPY ? 2 : 1;
    }

    public static @Nullable DatasetFormat parse(@Nullable String s) {
        if (s == null) {
            return null;
        }
        for (DatasetFormat f : values()) {
            if (f.json().equals(s.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
