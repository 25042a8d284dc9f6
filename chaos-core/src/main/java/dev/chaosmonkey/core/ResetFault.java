package dev.chaosmonkey.core;

import dev.chaosmonkey.core.internal.ByteSizes;

/**
 * Resets a TCP connection ({@code net} point only): {@code reset} resets it at the call the rule fired on,
 * {@code reset(after=1KB)} lets that many more bytes through in the call's direction first. That call and every later
 * read and write on the connection fail with {@code java.net.SocketException: Connection reset}, as after a TCP RST
 * from the peer; the agent sets {@code SO_LINGER} 0 so that the client's close sends an RST too.
 */
public final class ResetFault extends Fault {
    private final long afterBytes;

    ResetFault(long afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("reset after= must not be negative, was " + afterBytes);
        }
        this.afterBytes = afterBytes;
    }

    /** Parses {@code reset} and {@code reset(after=1KB)}. */
    static ResetFault parse(FaultArgs args) {
        if (args.isEmpty()) {
            return new ResetFault(0);
        }
        FaultArgs.Arg a = args.get(0);
        if (args.size() > 1 || !"after".equals(a.key)) {
            throw args.error(a.at, "reset takes nothing or after=<bytes>, e.g. reset or reset(after=1KB)");
        }
        return new ResetFault(NetFaults.bytes(args, a, "reset after="));
    }

    /** The bytes let through before the reset; 0 resets at the call the rule fired on. */
    public long afterBytes() {
        return afterBytes;
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return newThrowable(rule, loader, defaultClassName);
    }

    @Override
    Throwable newThrowable(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return rule.instantiate("java.net.SocketException", "Connection reset (chaos: reset injected by rule "
                + rule.id + ")", loader);
    }

    @Override
    public boolean failsCall() {
        return true;
    }

    @Override
    public String kind() {
        return "reset";
    }

    @Override
    void validateFor(InjectionPoint point) {
        NetFaults.requireNet(this, point);
    }

    @Override
    public String toSpec() {
        return afterBytes == 0 ? "reset" : "reset(after=" + ByteSizes.format(afterBytes) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResetFault && ((ResetFault) o).afterBytes == afterBytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(afterBytes);
    }
}
