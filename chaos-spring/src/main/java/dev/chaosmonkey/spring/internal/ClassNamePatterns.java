package dev.chaosmonkey.spring.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import dev.chaosmonkey.core.AttributeMatcher;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.InjectionPoint;

/**
 * The class names of beans the method point should reach: the {@code class=} globs and {@code class~} regexes of
 * method rules, and the globs of {@code chaos.method.targets}. Only consulted at start-up, when beans are created.
 */
public final class ClassNamePatterns {
    private static final int MAX_NAME = 1000;

    private final List<Pattern> globs;
    private final List<Pattern> regexes;
    private final List<String> sources;

    private ClassNamePatterns(List<Pattern> globs, List<Pattern> regexes, List<String> sources) {
        this.globs = globs;
        this.regexes = regexes;
        this.sources = sources;
    }

    /** Patterns from method rules (other points are ignored) and target globs. */
    public static ClassNamePatterns of(Collection<ChaosRule> rules, Collection<String> targetGlobs) {
        List<Pattern> patterns = new ArrayList<>();
        List<Pattern> regexes = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (ChaosRule rule : rules) {
            if (rule.point() != InjectionPoint.METHOD) {
                continue;
            }
            for (AttributeMatcher m : rule.matchers()) {
                if (!m.attribute().equals("class")) {
                    continue;
                }
                if (m.operator() == AttributeMatcher.Operator.EQUALS) {
                    patterns.add(glob(m.value()));
                    sources.add(m.value());
                } else if (m.operator() == AttributeMatcher.Operator.REGEX) {
                    regexes.add(Pattern.compile(m.value()));
                    sources.add("~" + m.value());
                }
            }
        }
        for (String g : targetGlobs) {
            if (g != null && !g.isBlank()) {
                patterns.add(glob(g.trim()));
                sources.add(g.trim());
            }
        }
        return new ClassNamePatterns(List.copyOf(patterns), List.copyOf(regexes), List.copyOf(sources));
    }

    /** A glob ({@code *} any run, {@code ?} one character) as an anchored regex. */
    static Pattern glob(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                b.append(".*");
            } else if (c == '?') {
                b.append('.');
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString());
    }

    /** Whether no pattern is configured (no bean is proxied). */
    public boolean isEmpty() {
        return globs.isEmpty() && regexes.isEmpty();
    }

    /** Whether a class name matches one pattern. */
    public boolean matches(String className) {
        if (className.length() > MAX_NAME) {
            return false;
        }
        for (Pattern p : globs) {
            if (p.matcher(className).matches()) {
                return true;
            }
        }
        for (Pattern p : regexes) {
            if (p.matcher(className).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return sources.toString();
    }
}
