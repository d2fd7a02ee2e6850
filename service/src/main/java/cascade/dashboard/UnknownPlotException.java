package cascade.dashboard;

/** A plot name that {@link Plot} does not know. */
class UnknownPlotException extends RuntimeException {

    UnknownPlotException(String name) {
        super("no plot named '" + name + "'; plots are nmse, cos2 and spectrum");
    }
}
