package cascade.experiments;

/** No baseline was marked for an experiment name. */
public final class BaselineNotFoundException extends RuntimeException {

    public BaselineNotFoundException(String name) {
        super("no baseline for experiments named '" + name + "'");
    }
}
