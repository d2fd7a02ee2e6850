package cascade.engine.dataset;

/** No dataset with this id is available to the engine. */
public final class UnknownDatasetException extends RuntimeException {

    public UnknownDatasetException(String id) {
        super("no dataset with id '" + id + "'");
    }
}
