package cascade.engine.dataset;

/**
 * Where features and labels are inside an upload: the CSV label column, and the array names in an
 * .npz archive. Names are checked like dataset names (no separators or control characters).
 */
public record DatasetLayout(String labelColumn, String featuresArray, String labelsArray) {

    public static final DatasetLayout DEFAULT = new DatasetLayout("label", "x", "y");

    public DatasetLayout {
        for (String name : new String[] {labelColumn, featuresArray, labelsArray}) {
            if (name == null || name.isEmpty() || name.length() > 100
                    || !name.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != ',' && c != '"' && c != '/'
                            && c != '\\')) {
                throw new IllegalArgumentException("'" + name + "' is not a usable column or array name");
            }
        }
    }
}
