package dev.chaosmonkey.experiment.internal;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

import dev.chaosmonkey.experiment.Outcome;
import dev.chaosmonkey.experiment.Probe;
import dev.chaosmonkey.experiment.ProbeDefinition;

/** Builds the probes of an experiment from their definitions. */
public final class Probes {
    private static final int MAX_BODY = 64 * 1024;

    private Probes() {
    }

    /**
     * The probe for {@code d}.
     *
     * @param mbeans the MBean server JMX probes read (the probe's target's)
     * @param inProcess whether the run is inside the application (needed by meter and circuitBreaker probes)
     * @throws IllegalArgumentException when the probe cannot run here
     */
    public static Probe create(ProbeDefinition d, MBeanServerConnection mbeans, boolean inProcess,
            HttpClient http) {
        ProbeDefinition.Check c = d.check();
        if (c instanceof ProbeDefinition.Http h) {
            return new HttpProbe(d, h, http);
        }
        if (c instanceof ProbeDefinition.Jmx j) {
            if (mbeans == null) {
                throw new IllegalArgumentException("probe '" + d.name() + "': no MBean server to read " + j.mbean());
            }
            return new JmxProbe(d, j, mbeans);
        }
        if (!inProcess) {
            throw new IllegalArgumentException("probe '" + d.name() + "' (" + c.kind() + ") reads the application's"
                    + " Micrometer registry: run the experiment inside the application (JMX ExperimentRunner)");
        }
        if (c instanceof ProbeDefinition.Meter m) {
            return new MeterProbe(d, m);
        }
        return new BreakerProbe(d, (ProbeDefinition.CircuitBreaker) c);
    }

    /** A shared HTTP client for the probes: no redirects, loopback-friendly, no proxy. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(
                HttpClient.Redirect.NEVER).proxy(java.net.ProxySelector.of(null)).build();
    }

    private abstract static class Base implements Probe {
        final ProbeDefinition d;

        Base(ProbeDefinition d) {
            this.d = d;
        }

        @Override
        public String name() {
            return d.name();
        }

        @Override
        public Duration interval() {
            return d.interval();
        }

        @Override
        public Duration timeout() {
            return d.timeout();
        }

        @Override
        public String target() {
            return d.target();
        }
    }

    static final class HttpProbe extends Base {
        private final ProbeDefinition.Http h;
        private final HttpClient client;
        private final URI uri;

        HttpProbe(ProbeDefinition d, ProbeDefinition.Http h, HttpClient client) {
            super(d);
            this.h = h;
            this.client = client;
            this.uri = URI.create(h.url());
        }

        @Override
        public Result sample() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(d.timeout())
                    .method(h.method(), HttpRequest.BodyPublishers.noBody()).build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - t0;
            byte[] bytes = r.body() == null ? new byte[0] : r.body();
            String body = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8);
            if (r.statusCode() != h.status()) {
                return Result.failed("status " + r.statusCode() + ", expected " + h.status());
            }
            if (h.maxLatency() != null && elapsed > h.maxLatency().toNanos()) {
                return Result.failed("answered in " + elapsed / 1_000_000 + " ms, above maxLatency "
                        + h.maxLatency().toMillis() + " ms");
            }
            if (h.degradedBodyContains() != null && body.contains(h.degradedBodyContains())) {
                return new Result(Outcome.DEGRADED, "body contains '" + h.degradedBodyContains() + "'");
            }
            if (h.bodyContains() != null && !body.contains(h.bodyContains())) {
                return Result.failed("body does not contain '" + h.bodyContains() + "'");
            }
            return Result.HEALTHY;
        }
    }

    static final class JmxProbe extends Base {
        private final ProbeDefinition.Jmx j;
        private final MBeanServerConnection server;
        private final ObjectName name;

        JmxProbe(ProbeDefinition d, ProbeDefinition.Jmx j, MBeanServerConnection server) {
            super(d);
            this.j = j;
            this.server = server;
            try {
                this.name = new ObjectName(j.mbean());
            } catch (javax.management.MalformedObjectNameException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public Result sample() throws Exception {
            Object v = server.getAttribute(name, j.attribute());
            return j.comparison().test(v) ? Result.HEALTHY
                    : Result.failed(j.attribute() + " was " + v + ", expected " + j.comparison().describe());
        }
    }

    /** Reads meters reflectively so that the engine needs no Micrometer at compile or run time. */
    static final class Micrometer {
        static Object registry() throws Exception {
            Class<?> metrics = Class.forName("io.micrometer.core.instrument.Metrics", true,
                    Thread.currentThread().getContextClassLoader() == null ? Probes.class.getClassLoader()
                            : Thread.currentThread().getContextClassLoader());
            return metrics.getField("globalRegistry").get(null);
        }

        static Collection<?> find(String name, Map<String, String> tags) throws Exception {
            Object registry = registry();
            Object search = registry.getClass().getMethod("find", String.class).invoke(registry, name);
            Method tag = search.getClass().getMethod("tag", String.class, String.class);
            for (Map.Entry<String, String> e : tags.entrySet()) {
                search = tag.invoke(search, e.getKey(), e.getValue());
            }
            return (Collection<?>) search.getClass().getMethod("meters").invoke(search);
        }

        /** statistic name (VALUE, COUNT, TOTAL, TOTAL_TIME, MAX...) to value, summed over the meters. */
        static Map<String, Double> measure(Collection<?> meters) throws Exception {
            Map<String, Double> out = new java.util.HashMap<>();
            for (Object meter : meters) {
                Method measure = publicMethod(meter.getClass(), "measure");
                for (Object m : (Iterable<?>) measure.invoke(meter)) {
                    String stat = String.valueOf(publicMethod(m.getClass(), "getStatistic").invoke(m));
                    double value = ((Number) publicMethod(m.getClass(), "getValue").invoke(m)).doubleValue();
                    out.merge(stat, value, Double::sum);
                }
            }
            return out;
        }

        static String tag(Object meter, String key) throws Exception {
            Object id = publicMethod(meter.getClass(), "getId").invoke(meter);
            return (String) id.getClass().getMethod("getTag", String.class).invoke(id, key);
        }

        private static Method publicMethod(Class<?> type, String name) throws NoSuchMethodException {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    try {
                        return i.getMethod(name);
                    } catch (NoSuchMethodException e) {
                        // next
                    }
                }
            }
            return type.getMethod(name);
        }
    }

    static final class MeterProbe extends Base {
        private final ProbeDefinition.Meter m;

        MeterProbe(ProbeDefinition d, ProbeDefinition.Meter m) {
            super(d);
            this.m = m;
        }

        @Override
        public Result sample() throws Exception {
            Collection<?> meters = Micrometer.find(m.name(), m.tags());
            if (meters.isEmpty()) {
                return Result.failed("no meter " + m.name() + m.tags());
            }
            Map<String, Double> v = Micrometer.measure(meters);
            double value = switch (m.statistic()) {
                case "count" -> v.getOrDefault("COUNT", 0.0);
                case "total" -> v.getOrDefault("TOTAL", v.getOrDefault("TOTAL_TIME", 0.0));
                case "max" -> v.getOrDefault("MAX", 0.0);
                case "mean" -> {
                    double count = v.getOrDefault("COUNT", 0.0);
                    yield count == 0 ? 0 : v.getOrDefault("TOTAL", v.getOrDefault("TOTAL_TIME", 0.0)) / count;
                }
                default -> v.getOrDefault("VALUE", v.getOrDefault("COUNT", 0.0));
            };
            return m.comparison().test(value) ? Result.HEALTHY
                    : Result.failed(m.name() + " " + m.statistic() + " was " + value + ", expected "
                            + m.comparison().describe());
        }
    }

    static final class BreakerProbe extends Base {
        private final ProbeDefinition.CircuitBreaker b;

        BreakerProbe(ProbeDefinition d, ProbeDefinition.CircuitBreaker b) {
            super(d);
            this.b = b;
        }

        @Override
        public Result sample() throws Exception {
            Collection<?> meters = Micrometer.find("resilience4j.circuitbreaker.state", Map.of("name", b.name()));
            List<String> current = new ArrayList<>();
            for (Object meter : meters) {
                Double v = Micrometer.measure(List.of(meter)).get("VALUE");
                if (v != null && v >= 1) {
                    current.add(Micrometer.tag(meter, "state").toUpperCase(Locale.ROOT).replace('-', '_'));
                }
            }
            if (current.isEmpty()) {
                return Result.failed("no state gauge for circuit breaker " + b.name()
                        + " (bind resilience4j-micrometer to the global registry)");
            }
            String state = current.get(0);
            if (b.healthy().contains(state)) {
                return Result.HEALTHY;
            }
            return b.degraded().contains(state) ? new Result(Outcome.DEGRADED, "circuit breaker " + state)
                    : Result.failed("circuit breaker " + b.name() + " is " + state);
        }
    }
}
