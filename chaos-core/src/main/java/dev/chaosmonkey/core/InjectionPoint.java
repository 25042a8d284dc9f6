package dev.chaosmonkey.core;

import java.util.List;
import java.util.Locale;

/**
 * Where a fault can be injected. Each point exposes a fixed set of attributes that rule matchers can test.
 *
 * <p>The attribute order is the slot order of the allocation-free {@code decide*} methods of {@link ChaosMonkey}:
 * string slots first, then the single numeric slot ({@code port} for HTTP, {@code key} for Kafka).
 */
public enum InjectionPoint {
    /** JDBC: connections ({@code operation=connect}) and statements. Attributes: sql, operation, url. */
    JDBC("jdbc", List.of("sql", "operation", "url"), null,
            "java.sql.SQLTransientConnectionException", "java.sql.SQLTimeoutException"),
    /** Outgoing HTTP client calls. Attributes: method, scheme, host, path, port. */
    HTTP("http", List.of("method", "scheme", "host", "path"), "port",
            "java.net.ConnectException", "java.net.SocketTimeoutException"),
    /** Kafka producer sends. Attributes: topic, key ({@code present} or {@code absent}). */
    KAFKA("kafka", List.of("topic"), "key",
            "org.apache.kafka.common.errors.NetworkException", "org.apache.kafka.common.errors.TimeoutException"),
    /** Any instrumented Java method. Attributes: class (fully qualified name), method. */
    METHOD("method", List.of("class", "method"), null, Defaults.EXCEPTION, Defaults.TIMEOUT),
    /**
     * Host-name resolution ({@code InetAddress} lookups of names; literal IP addresses are never looked up). Attribute:
     * host (compared case-insensitively). A failed lookup is an {@code UnknownHostException}, as from the resolver.
     */
    DNS("dns", List.of("host"), null, "java.net.UnknownHostException", "java.net.UnknownHostException"),
    /** Named points that application code checks itself with {@link ChaosMonkey#check(String)}. Attribute: name. */
    CUSTOM("custom", List.of("name"), null, Defaults.EXCEPTION, Defaults.TIMEOUT),
    /**
     * Process-wide resource faults (memory, CPU, threads, connection pools) that run while the rule is armed
     * instead of on a call. No attributes.
     */
    RESOURCE("resource", List.of(), null, Defaults.EXCEPTION, Defaults.TIMEOUT),
    /**
     * TCP connections this JVM opens, below every client library ({@code java.net.Socket}, NIO
     * {@code SocketChannel}). Attributes: host (the remote host name as the socket knows it, else its literal
     * address; case-insensitive), address (the literal remote address), operation ({@code connect}, {@code read},
     * {@code write}, {@code close}), port (the remote port). Failed connects throw {@code ConnectException}; reads and
     * writes get the agent's {@code SocketException} ("Connection reset") unless the spec names a class.
     */
    NET("net", List.of("host", "address", "operation"), "port", "java.net.ConnectException",
            "java.net.SocketTimeoutException");

    /** The chaos exceptions, for points whose callers have no failure types of their own. */
    private static final class Defaults {
        static final String EXCEPTION = "dev.chaosmonkey.core.ChaosInjectedException";
        static final String TIMEOUT = "dev.chaosmonkey.core.ChaosTimeoutException";
    }

    private final String specName;
    private final List<String> stringAttributes;
    private final String numericAttribute;
    private final int bit;
    private final String defaultExceptionClass;
    private final String defaultTimeoutClass;

    InjectionPoint(String specName, List<String> stringAttributes, String numericAttribute,
            String defaultExceptionClass, String defaultTimeoutClass) {
        this.specName = specName;
        this.stringAttributes = stringAttributes;
        this.numericAttribute = numericAttribute;
        this.bit = 1 << ordinal();
        this.defaultExceptionClass = defaultExceptionClass;
        this.defaultTimeoutClass = defaultTimeoutClass;
    }

    /**
     * The class an {@code exception} fault throws here when its spec names none: what this point's callers already
     * handle for a failed call.
     */
    public String defaultExceptionClass() {
        return defaultExceptionClass;
    }

    /** The class a {@code timeout} fault throws here when its spec names none. */
    public String defaultTimeoutClass() {
        return defaultTimeoutClass;
    }

    /** The name used in fault specs, e.g. {@code jdbc}. */
    public String specName() {
        return specName;
    }

    /** Bit of this point in {@link ChaosMonkey#armedPointsMask()}. */
    public int bit() {
        return bit;
    }

    /** All attribute names a matcher may test at this point, in slot order. */
    public List<String> attributes() {
        if (numericAttribute == null) {
            return stringAttributes;
        }
        java.util.ArrayList<String> all = new java.util.ArrayList<>(stringAttributes);
        all.add(numericAttribute);
        return List.copyOf(all);
    }

    /**
     * Slot of an attribute: 0..3 for string attributes, {@link #NUMERIC_SLOT} for the numeric one, -1 when unknown.
     */
    public int slotOf(String attribute) {
        int i = stringAttributes.indexOf(attribute);
        if (i >= 0) {
            return i;
        }
        return attribute.equals(numericAttribute) ? NUMERIC_SLOT : -1;
    }

    /**
     * Whether values of {@code attribute} compare case-insensitively here: host names (RFC 4343), HTTP methods and
     * schemes.
     */
    boolean ignoresCase(String attribute) {
        return this == HTTP && !attribute.equals("path") || (this == NET || this == DNS) && attribute.equals("host");
    }

    /** Slot number of the numeric attribute. */
    public static final int NUMERIC_SLOT = 4;

    /** The spec names of all points, for error messages: {@code jdbc, http, ..., custom, resource or net}. */
    public static String specNames() {
        InjectionPoint[] all = values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].specName());
        }
        return b.toString();
    }

    /** Looks a point up by its spec name, case-insensitively; {@code null} when there is none. */
    public static InjectionPoint bySpecName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (InjectionPoint p : values()) {
            if (p.specName.equals(lower)) {
                return p;
            }
        }
        return null;
    }
}
