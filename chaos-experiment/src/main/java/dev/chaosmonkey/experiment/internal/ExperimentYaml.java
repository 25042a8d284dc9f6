package dev.chaosmonkey.experiment.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import dev.chaosmonkey.experiment.AbortCondition;
import dev.chaosmonkey.experiment.Comparison;
import dev.chaosmonkey.experiment.Durations;
import dev.chaosmonkey.experiment.ExperimentDefinition;
import dev.chaosmonkey.experiment.ExperimentDefinition.FaultDefinition;
import dev.chaosmonkey.experiment.ExperimentDefinition.Ramp;
import dev.chaosmonkey.experiment.ExperimentDefinition.SloOverrides;
import dev.chaosmonkey.experiment.ExperimentFileException;
import dev.chaosmonkey.experiment.ProbeDefinition;

/**
 * Turns YAML into an {@link ExperimentDefinition}, through SnakeYAML Engine's node graph (which keeps the marks, so
 * every error names line and column). Unknown keys, duplicate keys, wrong types and values out of range are errors.
 */
public final class ExperimentYaml {
    private static final Pattern POINT = Pattern.compile("\\s*(jdbc|http|kafka|method|dns|net|custom|resource)\\b.*->.*",
            Pattern.DOTALL);
    private static final int MAX_EPISODES = 100;
    private static final int MAX_PROBES = 50;
    private static final int MAX_FAULTS = 100;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    private static final Duration MAX_DURATION = Duration.ofHours(24);

    private final String source;

    /** A reader for text named {@code source} in errors. */
    public ExperimentYaml(String source) {
        this.source = source;
    }

    /** Parses {@code text}. */
    public ExperimentDefinition read(String text) {
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).setUseMarks(true)
                    .setMaxAliasesForCollections(10).setCodePointLimit(ExperimentFileLimits.CODE_POINTS).build();
            Optional<Node> node = new Compose(settings).composeString(text);
            if (node.isEmpty()) {
                throw new ExperimentFileException(source, 1, 1, "the file is empty: expected a mapping with name,"
                        + " steadyState and method");
            }
            root = node.get();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw new ExperimentFileException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0
                    : m.getColumn() + 1, "not valid YAML: " + e.getProblem()
                            + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
        } catch (YamlEngineException e) {
            throw new ExperimentFileException(source, 0, 0, "not valid YAML: " + e.getMessage());
        }
        return definition(new Y(root, ""));
    }

    private ExperimentDefinition definition(Y root) {
        Map<String, Y> top = root.map(Set.of("name", "hypothesis", "environment", "dryRun", "steadyState", "method",
                "slo", "abort"));
        String name = required(root, top, "name").text();
        if (name.isBlank()) {
            throw top.get("name").error("must not be blank");
        }
        String hypothesis = top.containsKey("hypothesis") ? top.get("hypothesis").text() : "";
        String environment = top.containsKey("environment") ? top.get("environment").word() : null;
        boolean dryRun = top.containsKey("dryRun") && top.get("dryRun").bool();

        Y steady = required(root, top, "steadyState");
        Map<String, Y> s = steady.map(Set.of("baseline", "recoveryTimeout", "healthySamples", "probes"));
        Duration baseline = s.containsKey("baseline") ? s.get("baseline").duration(Duration.ZERO)
                : ExperimentDefinition.DEFAULT_BASELINE;
        Duration recoveryTimeout = s.containsKey("recoveryTimeout") ? s.get("recoveryTimeout").duration(MIN_INTERVAL)
                : ExperimentDefinition.DEFAULT_RECOVERY_TIMEOUT;
        int healthySamples = s.containsKey("healthySamples") ? s.get("healthySamples").integer(1, 1000)
                : ExperimentDefinition.DEFAULT_HEALTHY_SAMPLES;
        List<Y> probeNodes = required(steady, s, "probes").list(1, MAX_PROBES);
        List<ProbeDefinition> probes = new ArrayList<>();
        Set<String> probeNames = new HashSet<>();
        for (Y p : probeNodes) {
            ProbeDefinition d = probe(p);
            if (!probeNames.add(d.name())) {
                throw p.map(null).get("name").error("probe name '" + d.name() + "' is used twice");
            }
            probes.add(d);
        }

        Y method = required(root, top, "method");
        Map<String, Y> m = method.map(Set.of("faults", "window", "episodes", "ramp"));
        List<FaultDefinition> faults = new ArrayList<>();
        for (Y f : required(method, m, "faults").list(1, MAX_FAULTS)) {
            faults.add(fault(f));
        }
        Duration window = required(method, m, "window").duration(MIN_INTERVAL);
        int episodes = m.containsKey("episodes") ? m.get("episodes").integer(1, MAX_EPISODES) : 1;
        Ramp ramp = m.containsKey("ramp") ? ramp(m.get("ramp")) : null;

        SloOverrides slo = SloOverrides.NONE;
        Map<String, SloOverrides> byEnv = new LinkedHashMap<>();
        if (top.containsKey("slo")) {
            Y sloNode = top.get("slo");
            Map<String, Y> sm = sloNode.map(Set.of("maxMttr", "maxRecovery", "maxErrorRate", "minAvailability",
                    "maxLatencyDegradation", "environments"));
            slo = overrides(sm);
            if (sm.containsKey("environments")) {
                for (Map.Entry<String, Y> e : sm.get("environments").map(null).entrySet()) {
                    byEnv.put(e.getKey(), overrides(e.getValue().map(Set.of("maxMttr", "maxRecovery", "maxErrorRate",
                            "minAvailability", "maxLatencyDegradation"))));
                }
            }
        }
        List<AbortCondition> abort = new ArrayList<>();
        if (top.containsKey("abort")) {
            for (Y a : top.get("abort").list(0, 50)) {
                abort.add(abortCondition(a, probeNames));
            }
        }
        return new ExperimentDefinition(source, name.trim(), hypothesis, environment, dryRun, baseline,
                recoveryTimeout, healthySamples, List.copyOf(probes), List.copyOf(faults), window, episodes, ramp,
                slo, Map.copyOf(byEnv), List.copyOf(abort));
    }

    private ProbeDefinition probe(Y p) {
        Map<String, Y> m = p.map(Set.of("name", "interval", "timeout", "target", "http", "jmx", "meter",
                "circuitBreaker"));
        String name = required(p, m, "name").word();
        Duration interval = m.containsKey("interval") ? m.get("interval").duration(MIN_INTERVAL)
                : ProbeDefinition.DEFAULT_INTERVAL;
        Duration timeout = m.containsKey("timeout") ? m.get("timeout").duration(MIN_INTERVAL)
                : ProbeDefinition.DEFAULT_TIMEOUT;
        String target = m.containsKey("target") ? m.get("target").text().trim() : null;
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("http", "jmx", "meter", "circuitBreaker")) {
            if (m.containsKey(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            throw (kinds.isEmpty() ? p : m.get(kinds.get(1))).error("probe '" + name + "' needs exactly one of http,"
                    + " jmx, meter or circuitBreaker" + (kinds.isEmpty() ? "" : ", has " + String.join(" and ",
                            kinds)));
        }
        Y k = m.get(kinds.get(0));
        ProbeDefinition.Check check = switch (kinds.get(0)) {
            case "http" -> http(k);
            case "jmx" -> {
                Map<String, Y> j = k.map(withComparators("mbean", "attribute"));
                yield new ProbeDefinition.Jmx(objectName(required(k, j, "mbean")), required(k, j, "attribute").word(),
                        comparison(k, j));
            }
            case "meter" -> {
                Map<String, Y> j = k.map(withComparators("name", "tags", "statistic"));
                Map<String, String> tags = new LinkedHashMap<>();
                if (j.containsKey("tags")) {
                    for (Map.Entry<String, Y> e : j.get("tags").map(null).entrySet()) {
                        tags.put(e.getKey(), e.getValue().text());
                    }
                }
                String statistic = j.containsKey("statistic") ? j.get("statistic").oneOf("value", "count", "total",
                        "mean", "max") : "value";
                yield new ProbeDefinition.Meter(required(k, j, "name").word(), Map.copyOf(tags), statistic,
                        comparison(k, j));
            }
            default -> {
                Map<String, Y> j = k.map(Set.of("name", "healthy", "degraded"));
                yield new ProbeDefinition.CircuitBreaker(required(k, j, "name").word(),
                        j.containsKey("healthy") ? states(j.get("healthy")) : List.of("CLOSED"),
                        j.containsKey("degraded") ? states(j.get("degraded")) : List.of("HALF_OPEN"));
            }
        };
        if (timeout.compareTo(interval.multipliedBy(100)) > 0) {
            throw m.get("timeout").error("timeout " + Durations.format(timeout) + " is more than 100 intervals");
        }
        return new ProbeDefinition(name, interval, timeout, target, check);
    }

    private List<String> states(Y node) {
        List<String> out = new ArrayList<>();
        for (Y s : node.list(0, 10)) {
            out.add(s.oneOf("CLOSED", "OPEN", "HALF_OPEN", "DISABLED", "FORCED_OPEN", "METRICS_ONLY"));
        }
        return List.copyOf(out);
    }

    private ProbeDefinition.Http http(Y k) {
        Map<String, Y> j = k.map(Set.of("url", "method", "status", "maxLatency", "bodyContains",
                "degradedBodyContains"));
        Y urlNode = required(k, j, "url");
        String url = urlNode.text().trim();
        try {
            java.net.URI uri = java.net.URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw urlNode.error("'" + url + "' is not an http or https URL with a host");
            }
        } catch (IllegalArgumentException e) {
            throw urlNode.error("'" + url + "' is not a URL: " + e.getMessage());
        }
        String method = j.containsKey("method") ? j.get("method").oneOf("GET", "HEAD", "POST", "PUT", "DELETE")
                : "GET";
        int status = j.containsKey("status") ? j.get("status").integer(100, 599) : 200;
        Duration maxLatency = j.containsKey("maxLatency") ? j.get("maxLatency").duration(Duration.ofMillis(1)) : null;
        return new ProbeDefinition.Http(url, method, status, maxLatency,
                j.containsKey("bodyContains") ? j.get("bodyContains").text() : null,
                j.containsKey("degradedBodyContains") ? j.get("degradedBodyContains").text() : null);
    }

    private static Set<String> withComparators(String... keys) {
        Set<String> s = new HashSet<>(List.of(keys));
        s.addAll(Comparison.OPERATORS);
        return s;
    }

    private Comparison comparison(Y owner, Map<String, Y> m) {
        List<String> found = new ArrayList<>();
        for (String op : Comparison.OPERATORS) {
            if (m.containsKey(op)) {
                found.add(op);
            }
        }
        if (found.size() != 1) {
            throw (found.isEmpty() ? owner : m.get(found.get(1))).error("needs exactly one comparator of "
                    + String.join(", ", Comparison.OPERATORS) + (found.isEmpty() ? "" : ", has "
                            + String.join(" and ", found)));
        }
        Y v = m.get(found.get(0));
        try {
            return new Comparison(found.get(0), v.text().trim());
        } catch (IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
    }

    private String objectName(Y node) {
        String text = node.text().trim();
        try {
            new javax.management.ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw node.error("'" + text + "' is not a JMX object name: " + e.getMessage());
        }
        return text;
    }

    private FaultDefinition fault(Y f) {
        Y specNode = f;
        if (f.node instanceof MappingNode) {
            specNode = required(f, f.map(Set.of("spec")), "spec");
        }
        String spec = specNode.text().trim();
        if (!POINT.matcher(spec).matches()) {
            throw specNode.error("'" + spec + "' is not a fault spec: expected '<point> {matchers} -> <fault>"
                    + " {options}' with point jdbc, http, kafka, method, dns, custom, resource or net");
        }
        if (spec.indexOf('\n') >= 0 || spec.indexOf('\r') >= 0) {
            throw specNode.error("a fault spec must be one line");
        }
        // a quoted scalar's mark is its opening quote: point at the spec's first character
        int quote = specNode.node instanceof ScalarNode sn && sn.getScalarStyle() != ScalarStyle.PLAIN ? 1 : 0;
        return new FaultDefinition(spec, specNode.line(), specNode.column() + quote);
    }

    private Ramp ramp(Y node) {
        Map<String, Y> m = node.map(Set.of("from", "to", "steps"));
        double from = required(node, m, "from").ratio();
        double to = required(node, m, "to").ratio();
        int steps = m.containsKey("steps") ? m.get("steps").integer(2, 20) : 3;
        if (from == 0 && to == 0) {
            throw m.get("to").error("a ramp from 0 to 0 never injects");
        }
        return new Ramp(from, to, steps);
    }

    private SloOverrides overrides(Map<String, Y> m) {
        return new SloOverrides(
                m.containsKey("maxMttr") ? m.get("maxMttr").duration(Duration.ZERO) : null,
                m.containsKey("maxRecovery") ? m.get("maxRecovery").duration(Duration.ZERO) : null,
                m.containsKey("maxErrorRate") ? Double.valueOf(m.get("maxErrorRate").ratio()) : null,
                m.containsKey("minAvailability") ? Double.valueOf(m.get("minAvailability").ratio()) : null,
                m.containsKey("maxLatencyDegradation") ? m.get("maxLatencyDegradation").duration(Duration.ZERO)
                        : null);
    }

    private AbortCondition abortCondition(Y a, Set<String> probes) {
        Map<String, Y> outer = a.map(Set.of("errorRate", "latency", "consecutiveFailures", "jmx"));
        if (outer.size() != 1) {
            throw a.error("an abort condition needs exactly one of errorRate, latency, consecutiveFailures or jmx");
        }
        Map.Entry<String, Y> e = outer.entrySet().iterator().next();
        Y c = e.getValue();
        switch (e.getKey()) {
            case "errorRate": {
                Map<String, Y> m = c.map(Set.of("above", "window", "probe", "minSamples"));
                return new AbortCondition.ErrorRate(required(c, m, "above").ratio(),
                        m.containsKey("window") ? m.get("window").duration(MIN_INTERVAL) : Duration.ofSeconds(5),
                        probeRef(m, probes, false), m.containsKey("minSamples") ? m.get("minSamples").integer(1, 10000)
                                : 3);
            }
            case "latency": {
                Map<String, Y> m = c.map(Set.of("percentile", "above", "window", "probe", "minSamples"));
                double percentile = m.containsKey("percentile") ? m.get("percentile").number(1, 100) : 95;
                return new AbortCondition.Latency(percentile, required(c, m, "above").duration(Duration.ofMillis(1)),
                        m.containsKey("window") ? m.get("window").duration(MIN_INTERVAL) : Duration.ofSeconds(5),
                        probeRef(m, probes, false), m.containsKey("minSamples") ? m.get("minSamples").integer(1, 10000)
                                : 3);
            }
            case "consecutiveFailures": {
                Map<String, Y> m = c.map(Set.of("probe", "count"));
                required(c, m, "probe");
                return new AbortCondition.ConsecutiveFailures(probeRef(m, probes, true),
                        required(c, m, "count").integer(1, 10000));
            }
            default: {
                Map<String, Y> m = c.map(withComparators("mbean", "attribute", "interval", "target"));
                return new AbortCondition.JmxThreshold(objectName(required(c, m, "mbean")),
                        required(c, m, "attribute").word(), comparison(c, m),
                        m.containsKey("interval") ? m.get("interval").duration(MIN_INTERVAL) : Duration.ofMillis(500),
                        m.containsKey("target") ? m.get("target").text().trim() : null);
            }
        }
    }

    private static String probeRef(Map<String, Y> m, Set<String> probes, boolean required) {
        if (!m.containsKey("probe")) {
            return null;
        }
        Y node = m.get("probe");
        String name = node.word();
        if (!probes.contains(name)) {
            throw node.error("no probe named '" + name + "' (probes: " + String.join(", ", new java.util.TreeSet<>(
                    probes)) + ")");
        }
        return name;
    }

    private Y required(Y owner, Map<String, Y> map, String key) {
        Y v = map.get(key);
        if (v == null) {
            throw owner.error("'" + (owner.path.isEmpty() ? "" : owner.path + ".") + key + "' is required");
        }
        return v;
    }

    /** A node with its path, for errors. */
    private final class Y {
        final Node node;
        final String path;

        Y(Node node, String path) {
            this.node = node;
            this.path = path;
        }

        int line() {
            return node.getStartMark().map(mk -> mk.getLine() + 1).orElse(0);
        }

        int column() {
            return node.getStartMark().map(mk -> mk.getColumn() + 1).orElse(0);
        }

        ExperimentFileException error(String problem) {
            return new ExperimentFileException(source, line(), column(), (path.isEmpty() ? "" : path + ": ")
                    + problem);
        }

        String what() {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            return "'" + ((ScalarNode) node).getValue() + "'";
        }

        /** The mapping's entries by key; {@code allowed} null allows any key. */
        Map<String, Y> map(Set<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                throw error("expected a mapping (key: value lines), found " + what());
            }
            Map<String, Y> out = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                Y keyNode = new Y(t.getKeyNode(), path);
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw keyNode.error("keys must be plain words, found " + keyNode.what());
                }
                String key = k.getValue();
                if (allowed != null && !allowed.contains(key)) {
                    throw keyNode.error("unknown key '" + key + "' (expected one of "
                            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
                if (out.containsKey(key)) {
                    throw keyNode.error("duplicate key '" + key + "'");
                }
                out.put(key, new Y(t.getValueNode(), path.isEmpty() ? key : path + "." + key));
            }
            return out;
        }

        List<Y> list(int min, int max) {
            if (!(node instanceof SequenceNode seq)) {
                throw error("expected a list ('- item' lines), found " + what());
            }
            List<Node> items = seq.getValue();
            if (items.size() < min) {
                throw error("needs at least " + min + " item" + (min == 1 ? "" : "s"));
            }
            if (items.size() > max) {
                throw error("has " + items.size() + " items, at most " + max + " are allowed");
            }
            List<Y> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(new Y(items.get(i), path + "[" + i + "]"));
            }
            return out;
        }

        String text() {
            if (!(node instanceof ScalarNode s)) {
                throw error("expected a single value, found " + what());
            }
            return s.getValue();
        }

        String word() {
            String t = text().trim();
            if (t.isEmpty()) {
                throw error("must not be empty");
            }
            if (t.length() > 200) {
                throw error("is longer than 200 characters");
            }
            return t;
        }

        boolean bool() {
            String t = text().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return true;
            }
            if (t.equals("false")) {
                return false;
            }
            throw error("expected true or false, found '" + text() + "'");
        }

        Duration duration(Duration min) {
            Duration d;
            try {
                d = Durations.parse(text(), "'" + text() + "'");
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage().replaceFirst("^'[^']*' '", "'"));
            }
            if (d.compareTo(min) < 0) {
                throw error(Durations.format(d) + " is too short: at least " + Durations.format(min));
            }
            if (d.compareTo(MAX_DURATION) > 0) {
                throw error(Durations.format(d) + " is too long: at most 24h");
            }
            return d;
        }

        int integer(int min, int max) {
            String t = text().trim();
            int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw error("expected a whole number, found '" + t + "'");
            }
            if (n < min || n > max) {
                throw error(n + " is out of range " + min + ".." + max);
            }
            return n;
        }

        double number(double min, double max) {
            String t = text().trim();
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw error("expected a number, found '" + t + "'");
            }
            if (!(d >= min && d <= max)) {
                throw error(t + " is out of range " + min + ".." + max);
            }
            return d;
        }

        /** {@code 0.05} or {@code 5%}, within 0..1. */
        double ratio() {
            String t = text().trim();
            boolean percent = t.endsWith("%");
            double d;
            try {
                d = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
            } catch (NumberFormatException e) {
                throw error("expected a ratio like 0.05 or 5%, found '" + t + "'");
            }
            if (percent) {
                d /= 100;
            }
            if (!(d >= 0 && d <= 1)) {
                throw error("'" + t + "' is out of range: a ratio is within 0..1 (0%..100%)");
            }
            return d;
        }

        String oneOf(String... values) {
            String t = text().trim();
            for (String v : values) {
                if (v.equalsIgnoreCase(t)) {
                    return v;
                }
            }
            throw error("'" + t + "' is not one of " + String.join(", ", values));
        }
    }
}
