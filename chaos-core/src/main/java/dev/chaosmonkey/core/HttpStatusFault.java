package dev.chaosmonkey.core;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import dev.chaosmonkey.core.internal.Specs;

/**
 * Answers an HTTP call with a synthetic error response instead of calling the server: one status
 * ({@code status(503)}) or one drawn uniformly per call from a set ({@code status(500|502|503)}), its standard
 * reason phrase, a {@code text/plain} body (by default one naming the rule; {@code status(503, body="...")} gives
 * one, {@code body=""} an empty one; a set combines with it: {@code status(500|503, body="x")}) and its
 * {@code Content-Type}/{@code Content-Length} headers. Header fields of its own are added with
 * {@code header="Name: value"}, repeatable ({@code status(429, header="Retry-After: 2", body="slow down")}); a
 * {@code Content-Type} given so replaces the default one. Allowed statuses:
 * 429 and 500-599. Clients that cannot be given a synthetic response get an {@code IOException} naming the status.
 */
public final class HttpStatusFault extends Fault {
    private final int status;
    /** The set drawn from; one element for a single status. */
    private final int[] statuses;
    private final String body;
    /** Header fields in spec order: names and values, trimmed and checked. */
    private final String[] headerNames;
    private final String[] headerValues;

    /** Most {@code header=} fields one fault may add. */
    public static final int MAX_HEADERS = 32;
    /** Longest {@code header=} field, name and value. */
    public static final int MAX_HEADER_LENGTH = 4096;

    HttpStatusFault(int status) {
        this(new int[] {status}, null);
    }

    private HttpStatusFault(int[] statuses, String body) {
        this(statuses, body, new String[0], new String[0]);
    }

    private HttpStatusFault(int[] statuses, String body, String[] headerNames, String[] headerValues) {
        for (int s : statuses) {
            if (s != 429 && (s < 500 || s > 599)) {
                throw new IllegalArgumentException("HTTP status must be 429 or 500-599, was " + s);
            }
        }
        this.statuses = statuses;
        this.status = statuses[0];
        this.body = body;
        this.headerNames = headerNames;
        this.headerValues = headerValues;
    }

    /** The same status (or set) answered with this body ({@code ""} for an empty one). */
    public HttpStatusFault withBody(String responseBody) {
        return new HttpStatusFault(statuses, Objects.requireNonNull(responseBody, "responseBody"), headerNames,
                headerValues);
    }

    /**
     * The same fault with one more header field on its synthetic responses, {@code "Name: value"} as on the wire
     * (RFC 9110: the name a token, the value visible characters, spaces and tabs, no CR, LF or NUL; whitespace around
     * the value is dropped). {@code Content-Length}, {@code Transfer-Encoding} and {@code X-Chaos-Injected} belong to
     * the synthetic response itself and are refused; a {@code Content-Type} replaces the default one.
     *
     * @throws IllegalArgumentException naming the problem and its position in {@code field}
     */
    public HttpStatusFault withHeader(String field) {
        Objects.requireNonNull(field, "field");
        HeaderProblem problem = HeaderProblem.of(field);
        if (problem != null) {
            throw new IllegalArgumentException(problem.message + " at character " + (problem.index + 1) + " of header "
                    + Specs.quote(field.length() > 80 ? field.substring(0, 80) + "..." : field));
        }
        int colon = field.indexOf(':');
        String name = field.substring(0, colon);
        if (headerNames.length >= MAX_HEADERS) {
            throw new IllegalArgumentException("at most " + MAX_HEADERS + " header= fields");
        }
        for (String existing : headerNames) {
            if (name.equalsIgnoreCase("Content-Type") && existing.equalsIgnoreCase("Content-Type")) {
                throw new IllegalArgumentException("header Content-Type given twice");
            }
        }
        String[] names = java.util.Arrays.copyOf(headerNames, headerNames.length + 1);
        String[] values = java.util.Arrays.copyOf(headerValues, headerValues.length + 1);
        names[headerNames.length] = name;
        values[headerNames.length] = field.substring(colon + 1).strip();
        return new HttpStatusFault(statuses, body, names, values);
    }

    /** The {@code header=} fields in spec order, each {@code Name: value}. */
    public java.util.List<String> headers() {
        java.util.List<String> all = new java.util.ArrayList<>(headerNames.length);
        for (int i = 0; i < headerNames.length; i++) {
            all.add(headerNames[i] + ": " + headerValues[i]);
        }
        return java.util.Collections.unmodifiableList(all);
    }

    /** The names of the {@code header=} fields, in spec order (parallel to {@link #headerValues()}). */
    public String[] headerNames() {
        return headerNames.clone();
    }

    /** The values of the {@code header=} fields, in spec order. */
    public String[] headerValues() {
        return headerValues.clone();
    }

    /** What is wrong with a {@code header=} field, and where (0-based), or {@code null}. */
    private static final class HeaderProblem {
        final String message;
        final int index;

        private HeaderProblem(String message, int index) {
            this.message = message;
            this.index = index;
        }

        static HeaderProblem of(String field) {
            if (field.length() > MAX_HEADER_LENGTH) {
                return new HeaderProblem("a header field is at most " + MAX_HEADER_LENGTH + " characters",
                        MAX_HEADER_LENGTH);
            }
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    return new HeaderProblem("a header field must not contain CR, LF or NUL", i);
                }
            }
            int colon = field.indexOf(':');
            if (colon < 0) {
                return new HeaderProblem("a header field is \"Name: value\", the ':' is missing", field.length());
            }
            if (colon == 0) {
                return new HeaderProblem("the header name is empty", 0);
            }
            for (int i = 0; i < colon; i++) {
                if (!isTokenChar(field.charAt(i))) {
                    return new HeaderProblem("'" + field.charAt(i) + "' is not allowed in a header name (RFC 9110"
                            + " token: letters, digits and !#$%&'*+-.^_`|~)", i);
                }
            }
            for (int i = colon + 1; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c != ' ' && c != '\t' && (c < 0x21 || c == 0x7f)) {
                    return new HeaderProblem("control character U+" + String.format("%04X", (int) c)
                            + " is not allowed in a header value", i);
                }
            }
            String name = field.substring(0, colon);
            for (String own : new String[] {"Content-Length", "Transfer-Encoding", InjectedFailures.HEADER}) {
                if (own.equalsIgnoreCase(name)) {
                    return new HeaderProblem("header " + own + " is set by the synthetic response itself", 0);
                }
            }
            return null;
        }

        private static boolean isTokenChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    /** The body of the synthetic response, or {@code null} for the default one naming the rule. */
    public String body() {
        return body;
    }

    /**
     * Parses {@code status(503)}, {@code status(500|502|503)}, each optionally with {@code body="..."}, e.g.
     * {@code status(500|503, body="inventory down")}.
     */
    static HttpStatusFault parse(FaultArgs args) {
        if (args.isEmpty() || args.get(0).key != null) {
            throw args.error(args.nameAt, USAGE);
        }
        FaultArgs.Arg a = args.get(0);
        String[] parts = a.value.split("\\|", -1);
        int[] codes = new int[parts.length];
        int at = a.at;
        for (int i = 0; i < parts.length; i++) {
            try {
                codes[i] = Integer.parseInt(parts[i]);
                new HttpStatusFault(codes[i]);
            } catch (NumberFormatException e) {
                throw args.error(at, "'" + parts[i] + "' is not an HTTP status code");
            } catch (IllegalArgumentException e) {
                throw args.error(at, e.getMessage());
            }
            for (int j = 0; j < i; j++) {
                if (codes[j] == codes[i]) {
                    throw args.error(at, "status " + codes[i] + " given twice in the set");
                }
            }
            at += parts[i].length() + 1;
        }
        HttpStatusFault status = new HttpStatusFault(codes, null);
        String body = null;
        for (int i = 1; i < args.size(); i++) {
            FaultArgs.Arg arg = args.get(i);
            if ("header".equals(arg.key)) {
                HeaderProblem problem = HeaderProblem.of(arg.value);
                int valueAt = arg.at + arg.key.length() + 1 + (arg.quoted ? 1 : 0);
                if (problem != null) {
                    throw args.error(valueAt + problem.index, problem.message);
                }
                try {
                    status = status.withHeader(arg.value);
                } catch (IllegalArgumentException e) {
                    throw args.error(arg.at, e.getMessage());
                }
            } else if ("body".equals(arg.key) && body == null) {
                body = arg.value;
            } else {
                throw args.error(arg.at, "body".equals(arg.key) ? "body= given twice" : USAGE);
            }
        }
        return body != null ? status.withBody(body) : status;
    }

    private static final String USAGE = "status takes an HTTP status code and optionally a body and header fields:"
            + " the code alone or a set, then header=\"Name: value\" (repeatable) and body=\"...\", e.g."
            + " status(503), status(500|502|503) or status(429, header=\"Retry-After: 2\", body=\"slow down\")";

    /**
     * The HTTP status code of the synthetic response: the one status, or for a set one drawn uniformly per call
     * (call once per response).
     */
    public int status() {
        return statuses.length == 1 ? status : statuses[ThreadLocalRandom.current().nextInt(statuses.length)];
    }

    /** The statuses this fault answers with (one, or the set drawn from). */
    public java.util.List<Integer> statuses() {
        return java.util.Arrays.stream(statuses).boxed().collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return new java.io.IOException("chaos: HTTP " + status() + " injected by rule " + rule.id
                + " (this client cannot be given a synthetic response)");
    }

    @Override
    public int responseStatus() {
        return status();
    }

    @Override
    public String kind() {
        return "status";
    }

    @Override
    void validateFor(InjectionPoint point) {
        if (point != InjectionPoint.HTTP) {
            throw new IllegalArgumentException(toSpec() + " only applies to the http point, not "
                    + point.specName());
        }
    }

    @Override
    public String toSpec() {
        StringBuilder sb = new StringBuilder("status(");
        for (int i = 0; i < statuses.length; i++) {
            sb.append(i == 0 ? "" : "|").append(statuses[i]);
        }
        for (int i = 0; i < headerNames.length; i++) {
            sb.append(", header=").append(Specs.quote(headerNames[i] + ": " + headerValues[i]));
        }
        if (body != null) {
            sb.append(", body=").append(Specs.quote(body));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStatusFault && java.util.Arrays.equals(statuses, ((HttpStatusFault) o).statuses)
                && Objects.equals(body, ((HttpStatusFault) o).body)
                && java.util.Arrays.equals(headerNames, ((HttpStatusFault) o).headerNames)
                && java.util.Arrays.equals(headerValues, ((HttpStatusFault) o).headerValues);
    }

    @Override
    public int hashCode() {
        return (java.util.Arrays.hashCode(statuses) * 31 + Objects.hashCode(body)) * 31
                + java.util.Arrays.hashCode(headerValues);
    }
}
