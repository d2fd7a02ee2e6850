package cascade;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that fails on demand at one point of a transaction, the way a connection does
 * when PostgreSQL restarts under it (SQLStates 57P01, 08003, 08001, as PgJDBC reports them), for tests of what callers see when the database
 * goes away mid-request. Armed points fire once each, then disarm; {@link #fired()} says which did.
 */
public final class FaultyDataSource implements DataSource {

    /** Where a fault can strike. */
    public enum Point {
        /** borrowing a connection */
        CONNECT,
        /** setAutoCommit(false): the start of a transaction */
        BEGIN,
        /** preparing or running a statement */
        STATEMENT,
        /** commit, before it reaches the server: nothing was committed */
        COMMIT,
        /** commit, after the server committed: the caller cannot know it succeeded */
        COMMIT_LOST_REPLY,
        /** rollback (after another failure) */
        ROLLBACK
    }

    private final DataSource delegate;
    private final Set<Point> armed = ConcurrentHashMap.newKeySet();
    private final Set<Point> fired = ConcurrentHashMap.newKeySet();

    public FaultyDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public void arm(Point... points) {
        fired.clear();
        armed.clear();
        armed.addAll(Set.of(points));
    }

    public void disarm() {
        armed.clear();
    }

    public Set<Point> fired() {
        return fired.isEmpty() ? Set.of() : EnumSet.copyOf(fired);
    }

    private void strike(Point point) throws SQLException {
        if (armed.remove(point)) {
            fired.add(point);
            // What PgJDBC reports when PostgreSQL restarts under a session: the statement that is
            // running is terminated (57P01), and everything after it finds the connection closed.
            throw switch (point) {
                case CONNECT -> new SQLException("injected: Connection to localhost refused", "08001");
                case STATEMENT -> new SQLException("injected: FATAL: terminating connection due to administrator command",
                        "57P01");
                default -> new SQLException("injected at " + point + ": This connection has been closed.", "08003");
            };
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        strike(Point.CONNECT);
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        strike(Point.CONNECT);
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    if (Boolean.FALSE.equals(args[0])) {
                        strike(Point.BEGIN);
                    }
                }
                case "prepareStatement", "createStatement", "prepareCall" -> strike(Point.STATEMENT);
                case "commit" -> {
                    strike(Point.COMMIT);
                    Object result = invoke(real, method, args);
                    strike(Point.COMMIT_LOST_REPLY);
                    return result;
                }
                case "rollback" -> strike(Point.ROLLBACK);
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                default -> {
                }
            }
            return invoke(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
