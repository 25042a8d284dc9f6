package dev.chaosmonkey.agent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.ChaosSpecException;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Applies the agent options all or nothing, failing closed: an unknown option, a bad value, a spec that does not
 * parse or cannot be armed, or {@code enabled=true} refused (production, invalid settings) means nothing from the
 * options is applied: chaos is not enabled, no rule is armed, the config file is not watched. The application
 * always starts. Either way exactly one line says what was applied and what was not (an ERROR on stderr and in the
 * log when nothing was, INFO otherwise).
 */
final class OptionsApplier {
    static final String PREFIX = "chaos-agent: options ";

    private OptionsApplier() {
    }

    /** Reports options that did not even parse. */
    static String rejected(String problem) {
        return fail(problem);
    }

    /**
     * Applies parsed options to the global monkey; {@code watch} starts the config file watcher.
     *
     * @return the line that was logged
     */
    static String apply(AgentOptions options, ChaosMonkey monkey, Consumer<java.nio.file.Path> watch) {
        List<ChaosRule> rules = new ArrayList<>();
        for (int i = 0; i < options.specs().size(); i++) {
            try {
                rules.add(FaultSpec.parse(options.specs().get(i)));
            } catch (ChaosSpecException e) {
                return fail("spec " + (i + 1) + " of " + options.specs().size() + ": " + e.getMessage());
            }
        }
        boolean enabledHere = false;
        if (Boolean.TRUE.equals(options.enabled()) && !monkey.isEnabled()) {
            try {
                monkey.enable();
                enabledHere = true;
            } catch (IllegalStateException e) {
                return fail("enabled=true was refused: " + e.getMessage());
            }
        }
        List<String> ids = List.of();
        if (!rules.isEmpty()) {
            try {
                ids = monkey.armAll(rules);
            } catch (RuntimeException e) {
                if (enabledHere) {
                    monkey.disable();
                }
                return fail(e.getMessage());
            }
        }
        if (Boolean.FALSE.equals(options.enabled())) {
            monkey.disable();
        }
        if (options.config() != null) {
            watch.accept(options.config());
        }
        StringBuilder line = new StringBuilder(PREFIX).append("applied:");
        if (options.enabled() != null) {
            line.append(" enabled=").append(options.enabled());
        }
        if (!ids.isEmpty()) {
            line.append(" armed ").append(ids);
        }
        if (options.config() != null) {
            line.append(" config=").append(options.config()).append(" (watched; applied on its own, all or nothing)");
        }
        line.append("; chaos is ").append(monkey.isEnabled() ? "enabled" : "DISABLED (" + monkey.disabledReason()
                + ")");
        ChaosLog.info(line.toString());
        return line.toString();
    }

    private static String fail(String problem) {
        String line = PREFIX + "rejected, NOTHING applied (no rule armed, chaos not enabled by them, no config file"
                + " watched): " + problem;
        String logged = dev.chaosmonkey.core.internal.LogText.safe(line, dev.chaosmonkey.core.internal.LogText
                .MAX_MESSAGE);
        System.err.println("[chaos-agent] ERROR " + logged);
        ChaosLog.error(logged);
        return logged;
    }
}
