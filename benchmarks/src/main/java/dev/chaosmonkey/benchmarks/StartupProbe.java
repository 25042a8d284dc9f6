package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.SQLException;

/**
 * The child JVM of the startup measurement: makes one JDBC query (H2, in memory) and one HTTP GET
 * ({@link HttpURLConnection}, to the loopback server of the parent), prints {@link #DONE} and exits. The parent times
 * process start to that line.
 */
public final class StartupProbe {
    /** The line printed after both calls succeeded. */
    public static final String DONE = "startup-probe-done";

    private StartupProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the loopback URL to GET
     */
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StartupProbe <http://127.0.0.1:port/path>");
        }
        int value;
        try (H2Database database = H2Database.open("startup")) {
            value = database.lookup(3);
        }
        HttpURLConnection http = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
        int status = http.getResponseCode();
        try (InputStream body = http.getInputStream()) {
            body.readAllBytes();
        }
        if (status != 200 || value != 21) {
            throw new IllegalStateException("unexpected probe result: HTTP " + status + ", value " + value);
        }
        System.out.println(DONE);
    }
}
