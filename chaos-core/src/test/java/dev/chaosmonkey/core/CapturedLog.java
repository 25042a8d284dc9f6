package dev.chaosmonkey.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records chaos-core logs (logger {@code dev.chaosmonkey}, through {@code System.Logger} to
 * {@code java.util.logging}) while a test runs: {@link #start()} in {@code @BeforeEach}, {@link #close()} in
 * {@code @AfterEach}.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.chaosmonkey");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** Starts capturing. */
    public CapturedLog start() {
        logger.addHandler(this);
        return this;
    }

    /** Every record so far, oldest first. */
    public List<LogRecord> records() {
        return records;
    }

    /** The messages so far, oldest first. */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
