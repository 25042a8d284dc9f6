package dev.chaosmonkey.agent.bootstrap;

import java.nio.charset.StandardCharsets;

/**
 * What every client's synthetic response for a {@code status(...)} fault carries, so that they all look like the
 * same real server answer: the status, its standard reason phrase ({@code 503 Service Unavailable}), a
 * {@code text/plain} body (the spec's {@code body=}, else one naming the rule), its
 * {@code Content-Type}/{@code Content-Length} headers, the spec's {@code header=} fields
 * ({@link FiredFault#httpHeaders()}; a {@code Content-Type} among them replaces the default one) and
 * {@code X-Chaos-Injected: <rule id>}.
 */
public final class SyntheticHttp {
    /** The {@code Content-Type} of the body. */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    /** No {@code header=} fields. */
    public static final String[] NO_HEADERS = new String[0];

    private SyntheticHttp() {
    }

    /** The body of the synthetic response: the spec's {@code body=} or, without one, a line naming the rule. */
    public static byte[] body(int status, String body, String ruleId) {
        String text = body != null ? body : "chaos: HTTP " + status + " injected by rule " + ruleId;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code Content-Type} of the synthetic response: the spec's {@code header="Content-Type: ..."}, else text. */
    public static String contentType(FiredFault fault) {
        String given = fault.httpContentType();
        return given != null ? given : CONTENT_TYPE;
    }

    /** The standard reason phrase of a status (RFC 9110, RFC 6585), e.g. {@code Service Unavailable}. */
    public static String reason(int status) {
        switch (status) {
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 501:
                return "Not Implemented";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            case 505:
                return "HTTP Version Not Supported";
            case 506:
                return "Variant Also Negotiates";
            case 507:
                return "Insufficient Storage";
            case 508:
                return "Loop Detected";
            case 510:
                return "Not Extended";
            case 511:
                return "Network Authentication Required";
            default:
                return "Server Error";
        }
    }
}
