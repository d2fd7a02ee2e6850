package cascade.edge;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means "the database is unreachable or restarting, try again shortly" (an
 * HTTP 503 with Retry-After) rather than a bug (500). A connection can die at any point of a
 * transaction, and Spring reports each point differently: no connection
 * ({@link CannotCreateTransactionException}), a failed statement (a translated
 * {@link DataAccessResourceFailureException}, or a Hibernate/JPA wrapper), a failed commit or a
 * rollback that fails after another failure (a {@code TransactionSystemException}, which hides
 * the application exception). So the whole cause chain is read, and SQLState decides: class 08
 * (connection exception), 57P01-57P03 (server shutting down or starting), 53300 (too many
 * connections), 40001/40P01 (serialization failure, deadlock: a retry succeeds).
 */
public final class DatabaseFailures {

    private static final Set<String> RETRYABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");
    private static final int MAX_DEPTH = 32;

    private DatabaseFailures() {
    }

    /** True when some cause says the database is unavailable or the transaction may simply be retried. */
    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || RETRYABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed != failure && unavailable(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
