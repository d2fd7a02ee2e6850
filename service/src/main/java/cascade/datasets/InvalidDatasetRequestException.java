package cascade.datasets;

/** A bad upload parameter (name, format, label column, array names); names the parameter. */
public final class InvalidDatasetRequestException extends RuntimeException {

    private final String parameter;

    public InvalidDatasetRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
