package cascade.datasets;

/** No dataset with this id belongs to the caller. */
public final class DatasetNotFoundException extends RuntimeException {

    public DatasetNotFoundException(Object id) {
        super("no dataset " + id);
    }
}
