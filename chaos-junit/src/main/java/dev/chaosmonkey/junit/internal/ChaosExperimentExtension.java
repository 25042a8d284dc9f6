package dev.chaosmonkey.junit.internal;

import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.ChaosScope;
import dev.chaosmonkey.core.ChaosSpecException;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.experiment.SloCheck;
import dev.chaosmonkey.junit.ChaosControl;
import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.ExperimentResult;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import dev.chaosmonkey.junit.HeavyIntensity;
import dev.chaosmonkey.junit.LightIntensity;
import dev.chaosmonkey.junit.MediumIntensity;
import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SloTargets;
import dev.chaosmonkey.junit.StressScenario;

/**
 * The JUnit Jupiter extension behind {@link ChaosExperiment}. Settings are validated before each test (bad specs or
 * durations fail it with an {@link ExtensionConfigurationException}); the experiment itself is created after the
 * test's {@code @BeforeEach} methods, runs around the test method and is always cleaned up after it.
 */
public final class ChaosExperimentExtension
        implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor, ParameterResolver {

    private static final System.Logger LOG = System.getLogger("dev.chaosmonkey.junit");
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ChaosExperimentExtension.class);
    private static final String SETTINGS = "settings";
    private static final String EXPERIMENT = "experiment";
    private static final Pattern PROBABILITY_OPTION = Pattern.compile("(^|\\s)p\\s*=");
    private static final Pattern QUOTED = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

    /** Probability a declared fault without {@code p=} gets under {@link LightIntensity}. */
    public static final double LIGHT_PROBABILITY = 0.25;
    /** Probability a declared fault without {@code p=} gets under {@link MediumIntensity}. */
    public static final double MEDIUM_PROBABILITY = 0.5;

    @Override
    public void beforeEach(ExtensionContext context) {
        try {
            AgentInstaller.installIfConfigured();
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        store(context).put(SETTINGS, resolveSettings(context));
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        runExperiment(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runExperiment(invocation, context); // @RepeatedTest, @ParameterizedTest: one experiment per invocation
    }

    private static void runExperiment(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Experiment experiment = experiment(context);
        if (experiment == null) {
            invocation.proceed();
            return;
        }
        // the fault windows and the test body run on this thread inside the experiment's scope (the probe's
        // sampling thread opens it for each sample)
        try (ChaosScope ignored = ChaosScope.open(experiment.settings().scope())) {
            runInScope(invocation, context, experiment);
        }
    }

    private static void runInScope(Invocation<Void> invocation, ExtensionContext context, Experiment experiment)
            throws Throwable {
        try {
            experiment.start();
            experiment.runDeclaredEpisodes();
        } catch (Throwable t) {
            invocation.skip();
            finish(context, experiment, t);
            throw t;
        }
        Throwable bodyFailure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            bodyFailure = t;
        }
        AssertionFailedError sloFailure = finish(context, experiment, bodyFailure);
        if (bodyFailure != null) {
            throw bodyFailure;
        }
        if (sloFailure != null) {
            throw sloFailure;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Experiment experiment = store(context).remove(EXPERIMENT, Experiment.class);
        if (experiment != null) {
            experiment.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ChaosControl.class
                && parameterContext.getDeclaringExecutable() instanceof Method m
                && extensionContext.getTestMethod().filter(m::equals).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Experiment experiment = experiment(extensionContext);
        if (experiment == null) {
            throw new ParameterResolutionException("ChaosControl is only available in @ChaosExperiment tests");
        }
        return experiment;
    }

    // ---- experiment creation --------------------------------------------------------------------------------

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /** The experiment of this test, created on first use: after @BeforeEach methods initialized the fields. */
    private static Experiment experiment(ExtensionContext context) {
        ExtensionContext.Store store = store(context);
        ExperimentSettings settings = store.get(SETTINGS, ExperimentSettings.class);
        if (settings == null) {
            return null;
        }
        Experiment existing = store.get(EXPERIMENT, Experiment.class);
        if (existing != null) {
            return existing;
        }
        Object instance = context.getRequiredTestInstance();
        ChaosExperiment annotation = findExperiment(context).orElseThrow();
        Probe probe;
        try {
            probe = ProbeFinder.find(context.getRequiredTestClass(), instance, annotation.probe());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        Experiment experiment = new Experiment(settings, ChaosMonkey.global(), probe);
        store.put(EXPERIMENT, experiment);
        for (Object testInstance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : ReflectionSupport.findFields(testInstance.getClass(),
                    f -> true, HierarchyTraversalMode.TOP_DOWN)) {
                Object target = Modifier.isStatic(f.getModifiers()) ? null : testInstance;
                ReflectionSupport.tryToReadFieldValue(f, target).toOptional().ifPresent(experiment::observeIfComponent);
            }
        }
        return experiment;
    }

    private static Optional<ChaosExperiment> findExperiment(ExtensionContext context) {
        Optional<ChaosExperiment> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, ChaosExperiment.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        Optional<ExtensionContext> c = Optional.of(context);
        while (c.isPresent()) {
            Optional<ChaosExperiment> a = c.get().getTestClass()
                    .flatMap(k -> AnnotationSupport.findAnnotation(k, ChaosExperiment.class));
            if (a.isPresent()) {
                return a;
            }
            c = c.get().getParent();
        }
        return Optional.empty();
    }

    static ExperimentSettings resolveSettings(ExtensionContext context) {
        ChaosExperiment a = findExperiment(context).orElseThrow(() -> new ExtensionConfigurationException(
                "ChaosExperimentExtension needs @ChaosExperiment on the test method or class"));
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        String where = testClass.getSimpleName() + "." + method.getName();
        double probability = intensity(method, testClass);
        List<Class<?>> classes = enclosingClasses(context);
        FaultScope experimentScope = ExperimentScopes.experimentScope(method, classes);
        String reportName = (testClass.getSimpleName() + "." + method.getName()
                + invocationSuffix(context)).replaceAll("[^A-Za-z0-9._-]", "_");
        String scope = ExperimentScopes.newScopeName(reportName);
        List<ChaosRule> faults = new ArrayList<>();
        for (Fault f : ExperimentScopes.declaredFaults(testClass, method)) {
            try {
                ChaosRule rule = FaultSpec.parse(f.value());
                if (probability < 1.0 && !PROBABILITY_OPTION.matcher(QUOTED.matcher(f.value()).replaceAll(""))
                        .find()) {
                    rule = rule.toBuilder().probability(probability).build();
                }
                faults.add(ExperimentScopes.applyScope(rule, ExperimentScopes.effective(f, experimentScope), scope));
            } catch (ChaosSpecException e) {
                throw new ExtensionConfigurationException("bad @Fault on " + where + ": " + e.getMessage(), e);
            }
        }
        boolean exclusive = ExperimentScopes.exclusive(testClass, method, classes);
        try {
            Duration window = positive(DurationText.parse(a.faultWindow(), "@ChaosExperiment faultWindow"),
                    "faultWindow");
            Duration baseline = DurationText.parse(a.baseline(), "@ChaosExperiment baseline");
            Duration interval = positive(DurationText.parse(a.sampleInterval(), "@ChaosExperiment sampleInterval"),
                    "sampleInterval");
            Duration recoveryTimeout = positive(DurationText.parse(a.recoveryTimeout(),
                    "@ChaosExperiment recoveryTimeout"), "recoveryTimeout");
            if (a.healthySamples() < 1) {
                throw new IllegalArgumentException("@ChaosExperiment healthySamples must be >= 1, was "
                        + a.healthySamples());
            }
            if (a.episodes() < 0) {
                throw new IllegalArgumentException("@ChaosExperiment episodes must be >= 0, was " + a.episodes());
            }
            int episodes = a.episodes() > 0 ? a.episodes()
                    : isAnnotated(method, testClass, StressScenario.class) ? 3 : 1;
            if (faults.isEmpty()) {
                episodes = 0;
            }
            String environment = ChaosMonkey.global().config().environment();
            SloTargets targets = new SloResolver(System::getProperty).resolve(environment,
                    AnnotationSupport.findRepeatableAnnotations(testClass, Slo.class),
                    AnnotationSupport.findRepeatableAnnotations(method, Slo.class));
            return new ExperimentSettings(context.getDisplayName().startsWith(method.getName() + "(") ? where
                    : where + " " + context.getDisplayName(), reportName, a.hypothesis(), List.copyOf(faults), window,
                    baseline, interval, recoveryTimeout, a.healthySamples(), episodes, environment, targets, scope,
                    experimentScope, exclusive);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("bad chaos experiment settings on " + where + ": "
                    + e.getMessage(), e);
        }
    }

    /** The test classes from the innermost (the test's own) to the outermost enclosing one. */
    private static List<Class<?>> enclosingClasses(ExtensionContext context) {
        List<Class<?>> classes = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            c.get().getTestClass().filter(k -> !classes.contains(k)).ifPresent(classes::add);
        }
        return classes;
    }

    private static String invocationSuffix(ExtensionContext context) {
        String id = context.getUniqueId();
        int i = id.lastIndexOf("[test-template-invocation:#");
        return i < 0 ? "" : "-" + id.substring(i + 27).replace("]", "");
    }

    private static Duration positive(Duration d, String what) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("@ChaosExperiment " + what + " must be positive");
        }
        return d;
    }

    private static boolean isAnnotated(Method m, Class<?> c, Class<? extends java.lang.annotation.Annotation> a) {
        return AnnotationSupport.isAnnotated(m, a) || AnnotationSupport.isAnnotated(c, a);
    }

    private static double intensity(Method m, Class<?> c) {
        for (AnnotatedElement e : List.<AnnotatedElement>of(m, c)) {
            if (AnnotationSupport.isAnnotated(e, LightIntensity.class)) {
                return LIGHT_PROBABILITY;
            }
            if (AnnotationSupport.isAnnotated(e, MediumIntensity.class)) {
                return MEDIUM_PROBABILITY;
            }
            if (AnnotationSupport.isAnnotated(e, HeavyIntensity.class)) {
                return 1.0;
            }
        }
        return 1.0;
    }

    // ---- finishing ------------------------------------------------------------------------------------------

    /**
     * Ends the experiment: disarms, lets an unfinished recovery complete, evaluates SLOs, writes the reports and
     * publishes a summary. Returns the SLO failure to throw, or {@code null}.
     */
    private static AssertionFailedError finish(ExtensionContext context, Experiment experiment, Throwable failure) {
        try {
            experiment.disarmAll();
            if (failure == null) {
                experiment.completeRecovery();
            }
        } finally {
            experiment.stopSampling();
        }
        ExperimentResult draft = experiment.result();
        List<SloCheck> checks = SloEvaluator.evaluate(draft);
        ExperimentResult result = experiment.result(checks);
        Path html = null;
        try {
            html = ReportWriter.write(experiment.settings(), result, failure == null, experiment.statePaths());
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage(), e);
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("chaos.hypothesis", result.hypothesis());
        entry.put("chaos.scope", result.scope() + (result.exclusive() ? " (exclusive: a fault acts process-wide)"
                : " (shared)"));
        entry.put("chaos.mttr", result.mttr().map(DurationText::format).orElse("n/a"));
        entry.put("chaos.time-to-detect", result.timeToDetect().map(DurationText::format).orElse("n/a"));
        entry.put("chaos.slo", checks.stream().map(c -> c.metric() + "=" + c.measured() + " ("
                + c.status().name().toLowerCase(java.util.Locale.ROOT) + ")").collect(Collectors.joining("; ")));
        if (html != null) {
            entry.put("chaos.report", html.toAbsolutePath().toString());
        }
        entry.values().removeIf(String::isBlank); // the platform rejects blank values
        context.publishReportEntry(entry);
        List<SloCheck> failed = checks.stream().filter(SloCheck::failed).toList();
        if (failed.isEmpty()) {
            return null;
        }
        return new AssertionFailedError("chaos experiment " + experiment.settings().testName()
                + " violated its SLO: " + failed.stream().map(SloCheck::describe).collect(Collectors.joining("; "))
                + (html == null ? "" : " [report: " + html.toAbsolutePath() + "]"));
    }
}
