package cascade.datasets;

/**
 * Dataset names are labels, never paths: 1-200 characters, no control characters, no slashes or
 * backslashes, not "." or "..", no leading or trailing space.
 */
final class DatasetNames {

    private DatasetNames() {
    }

    static String check(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new InvalidDatasetRequestException("name", "must be 1-200 characters");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))) {
            throw new InvalidDatasetRequestException("name", "must not contain control characters");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new InvalidDatasetRequestException("name", "must not contain '/' or '\\' (a name, not a path)");
        }
        if (name.equals(".") || name.equals("..") || name.contains("..")) {
            throw new InvalidDatasetRequestException("name", "must not contain '..'");
        }
        if (!name.strip().equals(name)) {
            throw new InvalidDatasetRequestException("name", "must not start or end with spaces");
        }
        return name;
    }
}
