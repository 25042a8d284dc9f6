package dev.chaosmonkey.agent.bootstrap;

import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Host-name lookups ({@code dns} point): one decision per lookup of a name, at the JDK's designated lookup method
 * ({@code InetAddress.getAllByName0}), before its cache, so cached names are decided too. Literal IP addresses never
 * get there. Faults are performed on the looking-up thread: an exception or a timeout fails the lookup with an
 * {@code UnknownHostException} shaped like the resolver's ({@code <host>: Name or service not known}, or
 * {@code Temporary failure in name resolution} after a timeout), a delay holds it, then it resolves.
 *
 * <p>Lookups made by the chaos machinery itself (the agent's code, the CLI's JMX connector and any JMX remote
 * connection, resource-fault threads, the experiment engine) are never decided: a lookup of a name an armed rule
 * matches walks its stack for their frames first (about 20 us and 3.7 KB on a loaded machine); lookups of other names
 * and all lookups while the point is disarmed do not.
 */
public final class DnsCalls {
    /** Name lookups. */
    public static final ChaosCall LOOKUPS = new ChaosCall("dns", ChaosBridge.DNS);
    /** Frames looked at, at most, for the chaos machinery. */
    private static final int MAX_FRAMES = 512;
    /** Class-name prefixes of the chaos machinery and of the JMX connection. */
    private static final String[] MACHINERY = {
        "dev.chaosmonkey.agent.internal.", "dev.chaosmonkey.agent.shaded.", "dev.chaosmonkey.core.resource.",
        "dev.chaosmonkey.experiment.", "javax.management.remote.", "com.sun.jmx.remote.", "sun.rmi.",
    };
    private static final Function<Stream<StackWalker.StackFrame>, Boolean> MACHINERY_FRAMES = new MachineryFrames();

    private DnsCalls() {
    }

    /**
     * Decides the lookup of {@code host} inside an entered call and performs what fired; an injected failure leaves
     * the call and is thrown (undeclared, it is an {@code UnknownHostException} or what the spec named).
     */
    public static void lookup(String host) {
        FiredFault fault = decide(host);
        if (fault == null) {
            return;
        }
        Throwable injected;
        try {
            fault.perform(null);
            return;
        } catch (Throwable t) {
            injected = t;
        }
        LOOKUPS.exit(0);
        throw ChaosCall.sneakyThrow(shaped(injected, host, fault));
    }

    private static FiredFault decide(String host) {
        try {
            ChaosState state = ChaosBridge.state();
            // the stack walk only for names a rule is about: other lookups pay one match while dns rules are armed
            if (host == null || !state.matchesDns(host) || fromMachinery()) {
                return null;
            }
            return state.decideDns(host);
        } catch (Throwable t) {
            LOOKUPS.internalError(t);
            return null;
        }
    }

    /** Whether the chaos machinery (or a JMX connection) is looking the name up. */
    static boolean fromMachinery() {
        return StackWalker.getInstance().walk(MACHINERY_FRAMES);
    }

    static boolean isMachinery(String className) {
        for (String prefix : MACHINERY) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An {@code UnknownHostException} with a generated message gets the resolver's wording first, so that what logs
     * and callers see reads like a real failed lookup (the rule is still named, and the label kept).
     */
    private static Throwable shaped(Throwable injected, String host, FiredFault fault) {
        if (injected.getClass() != UnknownHostException.class || !fault.generatedMessage()) {
            return injected;
        }
        try {
            String reason = fault.kind() == FiredFault.TIMEOUT
                    ? "Temporary failure in name resolution" : "Name or service not known";
            UnknownHostException shaped = new UnknownHostException(host + ": " + reason + " ("
                    + injected.getMessage() + ")");
            if (injected.getCause() != null) {
                shaped.initCause(injected.getCause());
            }
            for (Throwable suppressed : injected.getSuppressed()) {
                shaped.addSuppressed(suppressed);
            }
            shaped.setStackTrace(injected.getStackTrace());
            return shaped;
        } catch (RuntimeException e) {
            LOOKUPS.internalError(e);
            return injected;
        }
    }

    /** A stack walk that stops at the first frame of the machinery (no lambda: this runs inside InetAddress). */
    private static final class MachineryFrames implements Function<Stream<StackWalker.StackFrame>, Boolean> {
        @Override
        public Boolean apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            for (int i = 0; i < MAX_FRAMES && it.hasNext(); i++) {
                if (isMachinery(it.next().getClassName())) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        }
    }
}
