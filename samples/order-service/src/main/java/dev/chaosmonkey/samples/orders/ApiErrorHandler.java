package dev.chaosmonkey.samples.orders;

import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps failures to short, clear responses: a database that fails answers 503 at once with {@code database
 * unavailable}, an exhausted pool with {@code database connection pool exhausted} (after the pool's connection
 * timeout, 250 ms), an inventory failure without cached stock with {@code inventory unavailable}.
 */
@RestControllerAdvice
public class ApiErrorHandler {
    /** The error text for an exhausted connection pool. */
    public static final String POOL_EXHAUSTED = "database connection pool exhausted";
    /** The error text for a failing database. */
    public static final String DATABASE_UNAVAILABLE = "database unavailable";

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ApiError> database(RuntimeException e) {
        Throwable root = rootCause(e);
        String error = isPoolTimeout(e) ? POOL_EXHAUSTED : DATABASE_UNAVAILABLE;
        return status(HttpStatus.SERVICE_UNAVAILABLE, error, root.toString());
    }

    @ExceptionHandler(InventoryUnavailableException.class)
    ResponseEntity<ApiError> inventory(InventoryUnavailableException e) {
        return status(HttpStatus.SERVICE_UNAVAILABLE, "inventory unavailable", e.getMessage());
    }

    @ExceptionHandler({UnknownSkuException.class, OrderNotFoundException.class})
    ResponseEntity<ApiError> notFound(RuntimeException e) {
        return status(HttpStatus.NOT_FOUND, "not found", e.getMessage());
    }

    @ExceptionHandler(OutOfStockException.class)
    ResponseEntity<ApiError> outOfStock(OutOfStockException e) {
        return status(HttpStatus.CONFLICT, "out of stock", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
        return status(HttpStatus.BAD_REQUEST, "bad request", e.getMessage());
    }

    private static ResponseEntity<ApiError> status(HttpStatus status, String error, String detail) {
        return ResponseEntity.status(status).body(new ApiError(error, detail));
    }

    /** HikariCP reports a borrow that timed out as "Connection is not available, request timed out after ...". */
    static boolean isPoolTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getMessage() != null
                    && t.getMessage().contains("Connection is not available")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 20 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return t;
    }
}
