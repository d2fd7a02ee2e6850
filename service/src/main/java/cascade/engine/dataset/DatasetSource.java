package cascade.engine.dataset;

/**
 * Where the engine gets a dataset by id: the service implements it from PostgreSQL (cached per
 * process), the command line from local files. Keeps the engine free of persistence.
 */
@FunctionalInterface
public interface DatasetSource {

    /** A source that knows no dataset (synthetic teachers never ask). */
    DatasetSource NONE = id -> {
        throw new UnknownDatasetException(id);
    };

    /** The dataset, or {@link UnknownDatasetException}. */
    Dataset load(String id);
}
