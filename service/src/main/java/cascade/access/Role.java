package cascade.access;

/**
 * What a token may do. Each role includes the ones before it: a reader reads; a submitter also
 * submits and changes (cancel, retry, delete) its own owner's experiments; an admin does
 * everything, other owners' experiments and token management included.
 */
public enum Role {
    READER, SUBMITTER, ADMIN;

    /** True when this role grants at least what {@code required} grants. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
