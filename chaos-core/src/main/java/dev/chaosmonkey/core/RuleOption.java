package dev.chaosmonkey.core;

import java.math.BigDecimal;
import java.time.Duration;

import dev.chaosmonkey.core.internal.Durations;

/**
 * The options after a rule's fault, {@code p=0.3 for=5m dry-run ...}: the one table the parser, the error messages
 * and {@link ChaosRule#toSpec()} read. Declaration order is the canonical rendering order.
 */
enum RuleOption {
    P("p") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            double p;
            try {
                p = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw lx.error(at, "p must be a number between 0 and 1, was '" + value + "'");
            }
            if (!(p >= 0 && p <= 1) || value.contains("e") || value.contains("E")) {
                throw lx.error(at, "p must be a number between 0 and 1, was '" + value + "'");
            }
            b.probability(p);
        }

        @Override
        String render(ChaosRule r) {
            return r.probability() == ChaosRule.DEFAULT_PROBABILITY ? null
                    : new BigDecimal(Double.toString(r.probability())).stripTrailingZeros().toPlainString();
        }
    },
    EVERY("every") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            b.everyNth(positive(lx, value, at));
        }

        @Override
        String render(ChaosRule r) {
            return r.everyNth() == 0 ? null : Long.toString(r.everyNth());
        }
    },
    FIRST("first") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            b.firstN(positive(lx, value, at));
        }

        @Override
        String render(ChaosRule r) {
            return r.firstN() == 0 ? null : Long.toString(r.firstN());
        }
    },
    SEED("seed") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            try {
                b.seed(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw lx.error(at, "seed must be a whole number, was '" + value + "'");
            }
        }

        @Override
        String render(ChaosRule r) {
            return r.seed() == null ? null : Long.toString(r.seed());
        }
    },
    MAX("max") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            b.maxInjections(positive(lx, value, at));
        }

        @Override
        String render(ChaosRule r) {
            return r.maxInjections() == 0 ? null : Long.toString(r.maxInjections());
        }
    },
    AFTER("after") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            b.startAfter(FaultArgs.parseDuration(lx, value, at, "after"));
        }

        @Override
        String render(ChaosRule r) {
            return r.startAfter() == null ? null : Durations.format(r.startAfter());
        }
    },
    FOR("for") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            Duration d = FaultArgs.parseDuration(lx, value, at, "for");
            if (d.isZero()) {
                throw lx.error(at, "for must be positive");
            }
            b.duration(d);
        }

        @Override
        String render(ChaosRule r) {
            return r.duration() == null ? null : Durations.format(r.duration());
        }
    },
    RAMP("ramp") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            Duration d = FaultArgs.parseDuration(lx, value, at, "ramp");
            if (d.isZero()) {
                throw lx.error(at, "ramp must be positive");
            }
            b.ramp(d);
        }

        @Override
        String render(ChaosRule r) {
            return r.ramp() == null ? null : Durations.format(r.ramp());
        }
    },
    DRY_RUN("dry-run") {
        @Override
        boolean takesValue() {
            return false;
        }

        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            b.dryRun(true);
        }

        @Override
        String render(ChaosRule r) {
            return r.dryRun() ? "" : null;
        }
    },
    SCOPE("scope") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            if (!ChaosScope.isValidName(value)) {
                throw lx.error(at, "scope must be 1-64 letters, digits, '_', '.' or '-', was '" + value + "'");
            }
            b.scope(value);
        }

        @Override
        String render(ChaosRule r) {
            return r.scope();
        }
    },
    ID("id") {
        @Override
        void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at) {
            b.id(value);
        }

        @Override
        String render(ChaosRule r) {
            return r.id();
        }
    };

    private final String specName;

    RuleOption(String specName) {
        this.specName = specName;
    }

    /** The option's name in specs. */
    String specName() {
        return specName;
    }

    /** Whether the option is written {@code name=value} (all but {@code dry-run}). */
    boolean takesValue() {
        return true;
    }

    /** Sets the option on the builder; errors point at {@code at}, the value's offset. */
    abstract void apply(SpecLexer lx, ChaosRule.Builder b, String value, int at);

    /** The option's value in canonical form, {@code ""} for a flag that is set, {@code null} when it is not given. */
    abstract String render(ChaosRule r);

    /** The option called {@code name}, or {@code null}. */
    static RuleOption bySpecName(String name) {
        for (RuleOption o : values()) {
            if (o.specName.equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The options as the "expected" part of error messages: {@code p=, every=, ..., dry-run or id=}. */
    static String expected(String lastJoin) {
        StringBuilder sb = new StringBuilder();
        RuleOption[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                sb.append(i == all.length - 1 ? lastJoin : ", ");
            }
            sb.append(all[i].specName).append(all[i].takesValue() ? "=" : "");
        }
        return sb.toString();
    }

    /** A whole number of at least 1. */
    long positive(SpecLexer lx, String value, int at) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw lx.error(at, specName + " must be a whole number of at least 1, was '" + value + "'");
    }
}
