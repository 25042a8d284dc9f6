package dev.chaosmonkey.micrometer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosEventListener;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exposes a {@link ChaosMonkey} to Micrometer.
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>chaos.injections</td><td>counter</td><td>point, fault, rule, dry_run, scope (the rule's scope, {@code none} when unscoped)</td></tr>
 *   <tr><td>chaos.injections.total</td><td>function counter</td><td></td></tr>
 *   <tr><td>chaos.rules.armed</td><td>gauge</td><td></td></tr>
 *   <tr><td>chaos.enabled</td><td>gauge (1/0)</td><td></td></tr>
 *   <tr><td>chaos.resource.held</td><td>gauge</td><td>rule, resource (e.g. bytesRetained, threadsBusy)</td></tr>
 * </table>
 *
 * <pre>{@code new ChaosMetrics(ChaosMonkey.global()).bindTo(registry);}</pre>
 * Per-rule meters are removed when the rule is disarmed or expires, so the registry does not grow without bound.
 */
public final class ChaosMetrics implements MeterBinder, AutoCloseable {
    /** The {@code scope} tag of injections by unscoped rules. */
    public static final String NO_SCOPE = "none";

    private final ChaosMonkey monkey;
    private final Map<String, List<Meter>> ruleMeters = new ConcurrentHashMap<>();
    private final List<Registration> registrations = new ArrayList<>();

    private static final class Registration {
        final MeterRegistry registry;
        final ChaosEventListener listener;

        Registration(MeterRegistry registry, ChaosEventListener listener) {
            this.registry = registry;
            this.listener = listener;
        }
    }

    /** Binds the global monkey. */
    public ChaosMetrics() {
        this(ChaosMonkey.global());
    }

    /** Binds the given monkey. */
    public ChaosMetrics(ChaosMonkey monkey) {
        this.monkey = Objects.requireNonNull(monkey, "monkey");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("chaos.rules.armed", monkey, ChaosMonkey::ruleCount)
                .description("Rules currently armed").register(registry);
        Gauge.builder("chaos.enabled", monkey, m -> m.isEnabled() ? 1 : 0)
                .description("1 while chaos is enabled").register(registry);
        // not "chaos.injections.total": Prometheus names that counter chaos_injections_total, the name of the
        // per-rule counter below, and then refuses whichever of the two registers second
        FunctionCounter.builder("chaos.injections.all", monkey, ChaosMonkey::totalInjections)
                .description("Faults injected across all rules").register(registry);
        FunctionCounter.builder("chaos.internal.errors", monkey, ChaosMonkey::internalErrors)
                .description("Internal errors of the chaos engine caught before reaching the application (should stay 0)")
                .register(registry);
        Gauge.builder("chaos.calls.held", monkey, ChaosMonkey::heldCalls)
                .description("Calls held right now in a delay or timeout").register(registry);
        ChaosEventListener listener = event -> onEvent(registry, event);
        synchronized (registrations) {
            registrations.add(new Registration(registry, listener));
        }
        monkey.addListener(listener);
        for (RuleInfo rule : monkey.rules()) {
            registerHoldings(registry, rule.getId());
        }
    }

    private void onEvent(MeterRegistry registry, ChaosEvent event) {
        switch (event.type()) {
            case INJECTED:
                Counter.builder("chaos.injections")
                        .description("Faults injected, per rule")
                        .tags(Tags.of("point", event.point().specName(), "fault", event.faultKind(),
                                "rule", event.ruleId(), "dry_run", Boolean.toString(event.dryRun()),
                                "scope", event.scope() == null ? NO_SCOPE : event.scope()))
                        .register(registry)
                        .increment();
                break;
            case ARMED:
            case ACTIVATED:
            case ENABLED:
                for (RuleInfo rule : monkey.rules()) {
                    registerHoldings(registry, rule.getId());
                }
                break;
            case DISARMED:
            case EXPIRED:
                removeRuleMeters(registry, event.ruleId());
                break;
            default:
                break;
        }
    }

    private void registerHoldings(MeterRegistry registry, String ruleId) {
        RuleInfo info = monkey.rule(ruleId).orElse(null);
        if (info == null || info.getHoldings().isEmpty()) {
            return;
        }
        List<Meter> meters = ruleMeters.computeIfAbsent(key(registry, ruleId), k -> new ArrayList<>());
        synchronized (meters) {
            if (!meters.isEmpty()) {
                return;
            }
            for (String resource : info.getHoldings().keySet()) {
                meters.add(Gauge.builder("chaos.resource.held", monkey, m -> m.rule(ruleId)
                                .map(r -> r.getHoldings().getOrDefault(resource, 0L).doubleValue())
                                .orElse(0.0))
                        .description("What a resource fault currently holds")
                        .tags("rule", ruleId, "resource", resource)
                        .register(registry));
            }
        }
    }

    private void removeRuleMeters(MeterRegistry registry, String ruleId) {
        List<Meter> meters = ruleMeters.remove(key(registry, ruleId));
        if (meters != null) {
            synchronized (meters) {
                meters.forEach(registry::remove);
            }
        }
        for (Meter meter : registry.find("chaos.injections").tag("rule", ruleId).meters()) {
            registry.remove(meter);
        }
    }

    private static String key(MeterRegistry registry, String ruleId) {
        return System.identityHashCode(registry) + "/" + ruleId;
    }

    /** Stops listening to the monkey; meters already registered stay in their registries. */
    @Override
    public void close() {
        synchronized (registrations) {
            for (Registration r : registrations) {
                monkey.removeListener(r.listener);
            }
            registrations.clear();
        }
    }
}
