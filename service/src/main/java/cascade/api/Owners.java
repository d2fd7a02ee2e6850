package cascade.api;

/**
 * Who is calling. Without access control every caller is the local user "local"; token-based
 * owners arrive with the access-control issue.
 */
final class Owners {

    static final String LOCAL = "local";

    private Owners() {
    }

    static String current() {
        return LOCAL;
    }
}
