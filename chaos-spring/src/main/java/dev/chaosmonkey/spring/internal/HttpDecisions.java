package dev.chaosmonkey.spring.internal;

import java.net.URI;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.InjectedFailures;
import dev.chaosmonkey.core.Injection;

/** The http point's attributes from a request URI, as the agent computes them. */
final class HttpDecisions {
    /** Header of synthetic responses naming the rule that produced them, as the agent's: {@code X-Chaos-Injected}. */
    static final String RULE_HEADER = InjectedFailures.HEADER;

    private HttpDecisions() {
    }

    static Injection decide(ChaosMonkey monkey, String method, URI uri) {
        String scheme = uri.getScheme();
        return monkey.decideHttp(method, scheme, uri.getHost(), port(uri.getPort(), scheme), path(uri.getRawPath()));
    }

    /**
     * Adds the {@code header=} fields of {@code fault} through {@code add} (name, value), in spec order, and returns
     * the {@code Content-Type} one of them gives, or {@code null}.
     */
    static String addHeaders(HttpStatusFault fault, java.util.function.BiConsumer<String, String> add) {
        String[] names = fault.headerNames();
        String[] values = fault.headerValues();
        String contentType = null;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase("Content-Type")) {
                contentType = values[i];
            } else {
                add.accept(names[i], values[i]);
            }
        }
        return contentType;
    }

    /** The port of a URI, or the scheme default when none is given. */
    static int port(int port, String scheme) {
        if (port >= 0) {
            return port;
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return 443;
        }
        if ("http".equalsIgnoreCase(scheme)) {
            return 80;
        }
        return -1;
    }

    /** The path without query, never empty. */
    static String path(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }
}
