package dev.chaosmonkey.core.resource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;


/**
 * Adapts a {@code javax.sql.DataSource} to {@link ConnectionSource} without linking against {@code java.sql}:
 * chaos-core may be defined by the bootstrap class loader, which cannot resolve {@code java.sql} types, so naming
 * {@code DataSource} in a signature or cast would fail with {@link NoClassDefFoundError} there. The interface is
 * found in the object's own type hierarchy (so it comes from whichever loader the application uses) and
 * {@code getConnection()} is called through it; the returned {@code java.sql.Connection} is used only as
 * {@link AutoCloseable}, which it extends.
 */
final class DataSourceConnections implements ConnectionSource {
    /** Name of the JDBC pool interface. */
    public static final String DATA_SOURCE = "javax.sql.DataSource";

    private final Object dataSource;
    private final Method getConnection;

    private DataSourceConnections(Object dataSource, Method getConnection) {
        this.dataSource = dataSource;
        this.getConnection = getConnection;
    }

    /** The adapter, or {@code null} when {@code target} does not implement {@code javax.sql.DataSource}. */
    public static DataSourceConnections adapt(Object target) {
        Class<?> dataSourceType = findInterface(target.getClass(), DATA_SOURCE);
        if (dataSourceType == null) {
            return null;
        }
        try {
            return new DataSourceConnections(target, dataSourceType.getMethod("getConnection"));
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Finds an interface by name among the supertypes of {@code type}. */
    static Class<?> findInterface(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
                Class<?> deeper = findInterface(i, name);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    @Override
    public AutoCloseable borrow() throws Exception {
        try {
            return (AutoCloseable) getConnection.invoke(dataSource);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "DataSource " + dataSource.getClass().getName();
    }
}
