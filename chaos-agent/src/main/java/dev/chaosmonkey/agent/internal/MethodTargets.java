package dev.chaosmonkey.agent.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.chaosmonkey.core.AttributeMatcher;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.RuleInfo;
import dev.chaosmonkey.core.internal.ChaosLog;
import dev.chaosmonkey.core.internal.Glob;

/**
 * The classes and methods that the currently armed {@code method} rules name: exactly one entry per distinct
 * {@code class=}/{@code method=} pair of an armed rule, so it shrinks when rules go. Immutable; asked on every class
 * load while a method rule is armed, so exact class names are found with one hash lookup and globs are only tried on
 * names that start with their literal prefix.
 */
final class MethodTargets {
    /** Nothing armed: every class load is answered with one array-length check. */
    static final MethodTargets NONE = new MethodTargets(new LinkedHashSet<>());

    /** A class glob and an optional method glob taken from one rule. */
    static final class Target {
        final String classGlob;
        final String methodGlob;
        /** The glob up to its first wildcard: every matching class name starts with it. */
        final String prefix;
        final boolean exact;

        Target(String classGlob, String methodGlob) {
            this.classGlob = classGlob;
            this.methodGlob = methodGlob;
            int wildcard = firstWildcard(classGlob);
            this.exact = wildcard < 0;
            this.prefix = exact ? classGlob : classGlob.substring(0, wildcard);
        }

        private static int firstWildcard(String glob) {
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' || c == '?') {
                    return i;
                }
            }
            return -1;
        }

        boolean matchesType(String typeName) {
            if (exact) {
                return classGlob.equals(typeName);
            }
            return typeName.startsWith(prefix) && Glob.matches(classGlob, typeName, false);
        }

        boolean matchesMethod(String methodName) {
            return methodGlob == null || Glob.matches(methodGlob, methodName, false);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Target && ((Target) o).classGlob.equals(classGlob)
                    && Objects.equals(((Target) o).methodGlob, methodGlob);
        }

        @Override
        public int hashCode() {
            return classGlob.hashCode() * 31 + Objects.hashCode(methodGlob);
        }

        @Override
        public String toString() {
            return "class=" + classGlob + (methodGlob == null ? "" : " method=" + methodGlob);
        }
    }

    private final Set<Target> all;
    private final Map<String, Target[]> byExactName;
    private final Target[] globs;

    MethodTargets(Collection<Target> targets) {
        this.all = new LinkedHashSet<>(targets);
        // plain loops, no lambdas: agent code should not link invokedynamic call sites it does not need
        Map<String, List<Target>> exact = new HashMap<>();
        List<Target> globList = new ArrayList<>();
        for (Target t : all) {
            if (t.exact) {
                List<Target> list = exact.get(t.classGlob);
                if (list == null) {
                    list = new ArrayList<>();
                    exact.put(t.classGlob, list);
                }
                list.add(t);
            } else {
                globList.add(t);
            }
        }
        Map<String, Target[]> index = new HashMap<>();
        for (Map.Entry<String, List<Target>> e : exact.entrySet()) {
            index.put(e.getKey(), e.getValue().toArray(new Target[0]));
        }
        this.byExactName = index;
        this.globs = globList.toArray(new Target[0]);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    int size() {
        return all.size();
    }

    Set<Target> targets() {
        return all;
    }

    /** Whether a class of this name is to be woven. */
    boolean matchesType(String typeName) {
        if (all.isEmpty()) {
            return false;
        }
        if (byExactName.containsKey(typeName)) {
            return true;
        }
        for (Target t : globs) {
            if (t.matchesType(typeName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this method of a class of this name is to be woven. */
    boolean matchesMethod(String typeName, String methodName) {
        Target[] exact = byExactName.get(typeName);
        if (exact != null) {
            for (Target t : exact) {
                if (t.matchesMethod(methodName)) {
                    return true;
                }
            }
        }
        for (Target t : globs) {
            if (t.matchesType(typeName) && t.matchesMethod(methodName)) {
                return true;
            }
        }
        return false;
    }

    /** The target an armed {@code method} rule names, {@code null} (logged once) when it names none that can be woven. */
    static Target targetOf(RuleInfo info) {
        ChaosRule rule;
        try {
            rule = ChaosRule.parse(info.getSpec());
        } catch (RuntimeException e) {
            return null;
        }
        String classGlob = null;
        String methodGlob = null;
        for (AttributeMatcher m : rule.matchers()) {
            if (m.operator() != AttributeMatcher.Operator.EQUALS) {
                continue;
            }
            if (m.attribute().equals("class")) {
                classGlob = m.value();
            } else if (m.attribute().equals("method")) {
                methodGlob = m.value();
            }
        }
        if (classGlob == null || classGlob.startsWith("*") || classGlob.startsWith("java.")) {
            ChaosLog.warnOnce("method-rule-" + info.getId(), "chaos-agent: rule " + info.getId() + " ("
                    + info.getSpec() + ") cannot be woven: a method rule needs class=<exact name or glob> that does"
                    + " not start with '*' and is outside java.*", null);
            return null;
        }
        return new Target(classGlob, methodGlob);
    }

    /** The targets of the {@code method} rules armed in {@code chaos} now. */
    static MethodTargets armedIn(ChaosMonkey chaos) {
        Set<Target> now = new LinkedHashSet<>();
        for (RuleInfo info : chaos.rules()) {
            if (InjectionPoint.METHOD.specName().equals(info.getPoint())) {
                Target target = targetOf(info);
                if (target != null) {
                    now.add(target);
                }
            }
        }
        return now.isEmpty() ? NONE : new MethodTargets(now);
    }
}
