package dev.chaosmonkey.agent.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic response of one {@code HttpURLConnection} under a {@code status(...)} fault, answering what the
 * JDK's connection answers for a real error response: {@code getResponseCode()} the status (the JDK parses it from
 * header 0, the status line), {@code getHeaderField*} the headers, {@code getErrorStream()} the body, and
 * {@code getInputStream()} throws "Server returned HTTP response code: 503 for URL: ...". No network call is made.
 */
public final class UrlConnectionResponse {
    /**
     * Set once the first synthetic response exists: until then the header and error-stream advice returns at once
     * (one volatile read), so connections in a JVM that never had a status fault pay nothing more.
     */
    private static volatile boolean issued;

    private final String[] keys;
    private final String[] values;
    private final byte[] body;
    private final IOException failure;

    private UrlConnectionResponse(int status, String responseBody, String ruleId, URL url) {
        body = SyntheticHttp.body(status, responseBody, ruleId);
        keys = new String[] {null, "Content-Type", "Content-Length", "X-Chaos-Injected"};
        values = new String[] {"HTTP/1.1 " + status + " " + SyntheticHttp.reason(status), SyntheticHttp.CONTENT_TYPE,
            Integer.toString(body.length), ruleId};
        failure = new IOException("Server returned HTTP response code: " + status + " for URL: " + url
                + " (chaos: injected by rule " + ruleId + ")");
    }

    static UrlConnectionResponse create(int status, String responseBody, String ruleId, URL url) {
        issued = true;
        return new UrlConnectionResponse(status, responseBody, ruleId, url);
    }

    /** The failure {@code getInputStream()} raises, as the JDK does for an error status. */
    IOException failure() {
        return failure;
    }

    /** The synthetic response of {@code connection}, or {@code null} when it has none (the common case). */
    public static UrlConnectionResponse of(Object connection) {
        if (!issued) {
            return null;
        }
        Object decision = HttpDispatch.URL_CONNECTION_DECISION.get(connection);
        return decision instanceof UrlConnectionResponse ? (UrlConnectionResponse) decision : null;
    }

    /**
     * What {@code method} ({@code getHeaderField}, {@code getHeaderFieldKey}, {@code getHeaderFields},
     * {@code getErrorStream}) returns for this response.
     */
    public Object answer(String method, Object argument) {
        switch (method) {
            case "getErrorStream":
                return new ByteArrayInputStream(body);
            case "getHeaderFields":
                return headerFields();
            case "getHeaderFieldKey":
                return at(keys, (Integer) argument);
            case "getHeaderField":
                if (argument instanceof Integer) {
                    return at(values, (Integer) argument);
                }
                return header((String) argument);
            default:
                return null;
        }
    }

    private static String at(String[] array, int index) {
        return index >= 0 && index < array.length ? array[index] : null;
    }

    private String header(String name) {
        if (name == null) {
            return values[0];
        }
        for (int i = 1; i < keys.length; i++) {
            if (keys[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    private Map<String, List<String>> headerFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            fields.put(keys[i], List.of(values[i]));
        }
        return Collections.unmodifiableMap(fields);
    }
}
