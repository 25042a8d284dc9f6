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

    private UrlConnectionResponse(int status, String responseBody, String ruleId, URL url, String contentType,
            String[] extraHeaders) {
        body = SyntheticHttp.body(status, responseBody, ruleId);
        int extra = extraHeaders.length / 2;
        keys = new String[4 + extra];
        values = new String[4 + extra];
        keys[0] = null;
        values[0] = "HTTP/1.1 " + status + " " + SyntheticHttp.reason(status);
        keys[1] = "Content-Type";
        values[1] = contentType;
        keys[2] = "Content-Length";
        values[2] = Integer.toString(body.length);
        for (int i = 0; i < extra; i++) {
            keys[3 + i] = extraHeaders[2 * i];
            values[3 + i] = extraHeaders[2 * i + 1];
        }
        keys[3 + extra] = "X-Chaos-Injected";
        values[3 + extra] = ruleId;
        failure = new IOException("Server returned HTTP response code: " + status + " for URL: " + url
                + " (chaos: injected by rule " + ruleId + ")");
    }

    static UrlConnectionResponse create(int status, String responseBody, String ruleId, URL url) {
        issued = true;
        return new UrlConnectionResponse(status, responseBody, ruleId, url, SyntheticHttp.CONTENT_TYPE,
                SyntheticHttp.NO_HEADERS);
    }

    static UrlConnectionResponse create(FiredFault fault, URL url) {
        issued = true;
        return new UrlConnectionResponse(fault.httpStatus(), fault.httpBody(), fault.ruleId(), url,
                SyntheticHttp.contentType(fault), fault.httpHeaders());
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
        for (int i = keys.length - 1; i > 0; i--) { // the last of a repeated field, as the JDK answers
            if (keys[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    private Map<String, List<String>> headerFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            List<String> existing = fields.get(keys[i]);
            if (existing == null) {
                fields.put(keys[i], List.of(values[i]));
            } else {
                // repeated fields: the JDK lists the values of one name together, the last received first
                java.util.ArrayList<String> all = new java.util.ArrayList<>(existing.size() + 1);
                all.add(values[i]);
                all.addAll(existing);
                fields.put(keys[i], Collections.unmodifiableList(all));
            }
        }
        return Collections.unmodifiableMap(fields);
    }
}
