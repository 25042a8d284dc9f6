package dev.chaosmonkey.spring;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.ClassUtils;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.ChaosSpecException;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.core.RuleInfo;
import dev.chaosmonkey.spring.internal.AgentPresence;
import dev.chaosmonkey.spring.internal.ChaosStartup;
import dev.chaosmonkey.spring.internal.ExperimentControl;

/**
 * The {@code chaos} actuator endpoint ({@code /actuator/chaos} once exposed):
 * <ul>
 *   <li>{@code GET /actuator/chaos}: switches and rules (spec, state, counters, expiry);
 *       {@code GET /actuator/chaos/{id}}: one rule;</li>
 *   <li>{@code POST /actuator/chaos} with {@code {"specs": "<spec>\n<spec>"}} (one spec per line): arms all or
 *       none (400 with the positioned error);</li>
 *   <li>{@code POST /actuator/chaos/enable}, {@code POST /actuator/chaos/disable};</li>
 *   <li>{@code DELETE /actuator/chaos/{id}}: disarms one rule; {@code DELETE /actuator/chaos}: disarms all (the kill
 *       switch);</li>
 *   <li>with chaos-experiment on the class path: {@code POST /actuator/chaos/experiments} with
 *       {@code {"experiment": "<YAML>"}} starts an experiment in this JVM, {@code GET /actuator/chaos/experiments}
 *       shows its status and journal, {@code DELETE /actuator/chaos/experiments} stops it.</li>
 * </ul>
 * Like every actuator endpoint it is not exposed over the web unless {@code management.endpoints.web.exposure.include}
 * names it. With Spring Security on the class path, write operations need an authenticated user with the role
 * {@code chaos.security.role} (default {@code CHAOS_ADMIN}); every change is logged once with the principal.
 */
@Endpoint(id = "chaos")
public class ChaosEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring.endpoint");
    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", ChaosEndpoint.class.getClassLoader());

    /** The selector reserved for experiments: {@code /actuator/chaos/experiments}. */
    public static final String EXPERIMENTS = "experiments";

    private final ChaosMonkey monkey;
    private final ChaosStartup startup;
    private final String role;
    private final boolean securityPresent;
    private final ExperimentControl experiments;

    public ChaosEndpoint(ChaosMonkey monkey, ChaosStartup startup, String role) {
        this(monkey, startup, role, null);
    }

    /** With {@code experiments} (may be {@code null}: chaos-experiment is not on the class path). */
    public ChaosEndpoint(ChaosMonkey monkey, ChaosStartup startup, String role, ExperimentControl experiments) {
        this(monkey, startup, role, SPRING_SECURITY, experiments);
    }

    ChaosEndpoint(ChaosMonkey monkey, ChaosStartup startup, String role, boolean securityPresent,
            ExperimentControl experiments) {
        this.monkey = monkey;
        this.startup = startup;
        this.role = role;
        this.securityPresent = securityPresent;
        this.experiments = experiments;
    }

    /** Switches and all rules. */
    @ReadOperation
    public Map<String, Object> chaos() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", monkey.isEnabled());
        body.put("dryRun", monkey.isDryRun());
        body.put("environment", startup == null ? monkey.config().environment() : startup.environment().name());
        body.put("productionGuard", startup != null && startup.isGuarded());
        body.put("agentAttached", AgentPresence.isAttached());
        body.put("version", ChaosMonkey.VERSION);
        body.put("totalInjections", monkey.totalInjections());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleInfo r : monkey.rules()) {
            rules.add(describe(r));
        }
        body.put("rules", rules);
        return body;
    }

    /** One rule, or 404; {@code experiments}: the status and result of the current or last experiment. */
    @ReadOperation
    public WebEndpointResponse<Object> rule(@Selector String id) {
        if (EXPERIMENTS.equals(id)) {
            return experiments == null ? error(404, NO_EXPERIMENTS) : new WebEndpointResponse<>(experiments.status());
        }
        return monkey.rule(id).<WebEndpointResponse<Object>>map(r -> new WebEndpointResponse<>(describe(r)))
                .orElseGet(() -> error(404, "no rule with id '" + id + "'"));
    }

    /**
     * Arms the specs all or nothing; 400 with the positioned error of the first bad one. {@code specs} holds one spec
     * per line (blank lines and {@code #} comments are skipped), as a rules file does: actuator request bodies are
     * flat JSON objects of strings.
     */
    @WriteOperation
    public WebEndpointResponse<Object> arm(String specs, SecurityContext security) {
        WebEndpointResponse<Object> denied = checkWrite(security);
        if (denied != null) {
            return denied;
        }
        List<ChaosRule> rules = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String[] all = specs == null ? new String[0] : specs.split("\\r?\\n");
        for (int i = 0; i < all.length; i++) {
            String line = all[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(FaultSpec.parse(line));
                lines.add(line);
            } catch (IllegalArgumentException e) {
                return specError(i + 1, e);
            }
        }
        if (rules.isEmpty()) {
            return error(400, "no specs given: send {\"specs\": \"<fault spec>\\n<fault spec>...\"}");
        }
        List<String> ids;
        try {
            ids = monkey.armAll(rules);
        } catch (IllegalArgumentException e) {
            return specError(-1, e);
        }
        LOG.info("chaos endpoint: {} armed {} {}", who(security), ids, lines);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("armed", ids);
        body.put("enabled", monkey.isEnabled());
        return new WebEndpointResponse<>(body);
    }

    /**
     * {@code enable}, {@code disable}, or {@code experiments} with {@code {"experiment": "<YAML>"}}: starts an
     * experiment (202 with its run id; 400 with {@code file:line:column} for an invalid file, nothing armed; 409 while
     * one runs).
     */
    @WriteOperation
    public WebEndpointResponse<Object> toggle(@Selector String action,
            @org.jspecify.annotations.Nullable @org.springframework.lang.Nullable String experiment,
            SecurityContext security) {
        WebEndpointResponse<Object> denied = checkWrite(security);
        if (denied != null) {
            return denied;
        }
        if (EXPERIMENTS.equals(action)) {
            return startExperiment(experiment, security);
        }
        switch (action) {
            case "enable":
                if (startup != null && startup.isGuarded()) {
                    return error(409, "refusing to enable chaos: " + startup.environment()
                            + " names production; set chaos.allow-production=true to allow it");
                }
                try {
                    monkey.enable();
                } catch (IllegalStateException e) {
                    return error(409, e.getMessage());
                }
                break;
            case "disable":
                monkey.disable();
                break;
            default:
                return error(400, "unknown action '" + action + "' (known: enable, disable, experiments)");
        }
        LOG.info("chaos endpoint: {} {}d chaos", who(security), action);
        return new WebEndpointResponse<>(Map.of("enabled", monkey.isEnabled()));
    }

    /** Disarms one rule (404 when there is none with that id); {@code experiments}: stops the running experiment. */
    @DeleteOperation
    public WebEndpointResponse<Object> disarm(@Selector String id, SecurityContext security) {
        WebEndpointResponse<Object> denied = checkWrite(security);
        if (denied != null) {
            return denied;
        }
        if (EXPERIMENTS.equals(id)) {
            if (experiments == null) {
                return error(404, NO_EXPERIMENTS);
            }
            boolean stopped = experiments.stop();
            LOG.info("chaos endpoint: {} stopped the experiment (running: {})", who(security), stopped);
            return new WebEndpointResponse<>(Map.of("stopped", stopped));
        }
        if (!monkey.disarm(id)) {
            return error(404, "no rule with id '" + id + "'");
        }
        LOG.info("chaos endpoint: {} disarmed {}", who(security), id);
        return new WebEndpointResponse<>(Map.of("disarmed", List.of(id)));
    }

    /** Disarms every rule (the kill switch). */
    @DeleteOperation
    public WebEndpointResponse<Object> disarmAll(SecurityContext security) {
        WebEndpointResponse<Object> denied = checkWrite(security);
        if (denied != null) {
            return denied;
        }
        int n = monkey.disarmAll();
        LOG.info("chaos endpoint: {} disarmed all rules ({})", who(security), n);
        return new WebEndpointResponse<>(Map.of("disarmed", n));
    }

    private static final String NO_EXPERIMENTS = "experiments need dev.chaosmonkey:chaos-experiment on the class path";

    private WebEndpointResponse<Object> startExperiment(String yaml, SecurityContext security) {
        if (experiments == null) {
            return error(404, NO_EXPERIMENTS);
        }
        if (yaml == null || yaml.isBlank()) {
            return error(400, "no experiment given: send {\"experiment\": \"<experiment YAML>\"}");
        }
        if (startup != null && startup.isGuarded()) {
            return error(409, "refusing to run an experiment: " + startup.environment()
                    + " names production; set chaos.allow-production=true to allow it");
        }
        String runId;
        try {
            runId = experiments.start(yaml);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        }
        LOG.info("chaos endpoint: {} started experiment {}", who(security), runId);
        return new WebEndpointResponse<>(Map.of("runId", runId, "status", "RUNNING"), 202);
    }

    private WebEndpointResponse<Object> checkWrite(SecurityContext security) {
        if (!securityPresent) {
            return null;
        }
        Principal principal = security == null ? null : security.getPrincipal();
        if (principal == null) {
            return error(401, "chaos changes need an authenticated user with role " + role);
        }
        if (!security.isUserInRole(role)) {
            LOG.warn("chaos endpoint: {} was refused a change (role {} required)", who(security), role);
            return error(403, "chaos changes need role " + role);
        }
        return null;
    }

    private static String who(SecurityContext security) {
        Principal p = security == null ? null : security.getPrincipal();
        return p == null ? "anonymous" : "user '" + p.getName() + "'";
    }

    private static WebEndpointResponse<Object> specError(int line, IllegalArgumentException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", (line > 0 ? "line " + line + ": " : "") + e.getMessage());
        if (line > 0) {
            body.put("line", line);
        }
        if (e instanceof ChaosSpecException) {
            body.put("column", ((ChaosSpecException) e).column());
        }
        body.put("armed", List.of());
        return new WebEndpointResponse<>(body, 400);
    }

    private static WebEndpointResponse<Object> error(int status, String message) {
        return new WebEndpointResponse<>(Map.of("error", message), status);
    }

    static Map<String, Object> describe(RuleInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId());
        m.put("spec", r.getSpec());
        m.put("point", r.getPoint());
        m.put("fault", r.getFault());
        m.put("state", r.getState());
        m.put("dryRun", r.isDryRun());
        m.put("matched", r.getMatched());
        m.put("injected", r.getInjected());
        m.put("skipped", r.getSkipped());
        m.put("armedAt", r.getArmedAt());
        m.put("expiresAt", r.getExpiresAt());
        if (r.getHoldings() != null && !r.getHoldings().isEmpty()) {
            m.put("holdings", r.getHoldings());
        }
        return m;
    }
}
