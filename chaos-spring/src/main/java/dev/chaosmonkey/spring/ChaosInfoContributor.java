package dev.chaosmonkey.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;

/** Adds {@code chaos} to {@code /actuator/info}: enabled, dry-run and the armed rules (Spring Boot 3.5 and 4). */
public class ChaosInfoContributor implements InfoContributor {
    private final ChaosMonkey monkey;

    public ChaosInfoContributor(ChaosMonkey monkey) {
        this.monkey = monkey;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> chaos = new LinkedHashMap<>();
        chaos.put("enabled", monkey.isEnabled());
        chaos.put("dryRun", monkey.isDryRun());
        List<String> rules = monkey.rules().stream()
                .map(ChaosInfoContributor::line)
                .collect(Collectors.toList());
        chaos.put("rules", rules);
        chaos.put("totalInjections", monkey.totalInjections());
        builder.withDetail("chaos", chaos);
    }

    static String line(RuleInfo r) {
        return r.getId() + " [" + r.getState() + "] " + r.getSpec();
    }
}
