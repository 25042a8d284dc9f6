package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.chaosmonkey.agent.bootstrap.ScopePropagation;
import dev.chaosmonkey.core.ChaosEvent;
import dev.chaosmonkey.core.ChaosEventListener;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Carries chaos scopes to the threads that run submitted work, as tracing agents carry their context: tasks handed
 * to {@code ThreadPoolExecutor}, {@code AbstractExecutorService.submit}, {@code ForkJoinPool} (so
 * {@code CompletableFuture} async stages too), JDK 17's {@code CompletableFuture} thread-per-task fallback (used
 * when the common pool has a parallelism of 1) and new virtual threads (JDK 21+, {@code ThreadBuilders}) are wrapped
 * so that they run in the scope of the thread that submitted them. A {@code FutureTask} wraps its task when it is
 * created, so it runs in the scope of the thread that created it: that covers {@code ScheduledThreadPoolExecutor}
 * (every scheduled task, periodic ones included, is a {@code FutureTask} built by the scheduling thread), a
 * {@code FutureTask} handed to {@code execute} directly and {@code invokeAll}/{@code invokeAny}. Already wrapped tasks
 * are not wrapped twice ({@code submit}'s task reaches the {@code FutureTask} wrapped).
 *
 * <p>Nothing is woven until the first scoped rule is armed (the executor classes are retransformed then, so
 * start-up pays nothing); afterwards the woven classes stay woven and cost two plain reads per submitted task while
 * no scoped rule is active. Tasks submitted outside any scope are never wrapped.
 */
final class ScopePropagationInstrumentation implements ChaosEventListener {
    static final String EXECUTOR_SERVICE = "java.util.concurrent.AbstractExecutorService";
    static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    static final String THREAD_PER_TASK = "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor";
    static final String THREAD_BUILDERS = "java.lang.ThreadBuilders";
    static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    /** The JDK classes woven here, let through by {@link IgnoredTypes}. */
    static final Set<String> TYPES = Set.of(EXECUTOR_SERVICE, THREAD_POOL, FORK_JOIN_POOL, THREAD_PER_TASK,
            THREAD_BUILDERS, FUTURE_TASK);

    private final Instrumentation instrumentation;
    private volatile boolean weaving;
    private volatile ChaosMonkey monkey;

    ScopePropagationInstrumentation(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    AgentBuilder register(AgentBuilder builder, Weaver weaver) {
        return builder
                .type(selected(EXECUTOR_SERVICE))
                .transform(weaver.advice("scope-executor", RunnableArgument.class,
                        named("submit").and(takesArgument(0, Runnable.class)).and(not(isBridge()))))
                .transform(weaver.advice("scope-executor", CallableArgument.class,
                        named("submit").and(takesArgument(0, Callable.class)).and(not(isBridge()))))
                .type(selected(THREAD_POOL))
                .transform(weaver.advice("scope-executor", ExecutedArgument.class,
                        named("execute").and(takesArguments(Runnable.class))))
                .type(selected(FORK_JOIN_POOL))
                .transform(weaver.advice("scope-fork-join", RunnableArgument.class,
                        named("execute").and(takesArguments(Runnable.class))))
                .transform(weaver.advice("scope-fork-join", SubmittedArgument.class,
                        named("submit").and(takesArgument(0, Runnable.class)).and(not(isBridge()))))
                .transform(weaver.advice("scope-fork-join", CallableArgument.class,
                        named("submit").and(takesArgument(0, Callable.class)).and(not(isBridge()))))
                .type(selected(THREAD_PER_TASK))
                .transform(weaver.advice("scope-completable-future", RunnableArgument.class,
                        named("execute").and(takesArguments(Runnable.class))))
                .type(selected(THREAD_BUILDERS))
                .transform(weaver.advice("scope-virtual-thread", VirtualThreadTask.class,
                        named("newVirtualThread").and(takesArguments(4)).and(takesArgument(3, Runnable.class))))
                // a FutureTask carries the scope it was created in: ScheduledThreadPoolExecutor's tasks (schedule,
                // scheduleAtFixedRate, scheduleWithFixedDelay, and its execute/submit, which schedule), FutureTasks
                // handed to execute directly (left unwrapped there for remove/shutdownNow) and invokeAll/invokeAny
                .type(selected(FUTURE_TASK))
                .transform(weaver.advice("scope-future-task", RunnableArgument.class,
                        isConstructor().and(takesArguments(2)).and(takesArgument(0, Runnable.class))))
                .transform(weaver.advice("scope-future-task", CallableArgument.class,
                        isConstructor().and(takesArguments(Callable.class))));
    }

    private ElementMatcher.Junction<TypeDescription> selected(String name) {
        return named(name).and(new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription target) {
                return weaving;
            }
        });
    }

    /** Follows {@code chaos}: installs the bridge's carrier and weaves the executors once a scoped rule is armed. */
    void follow(ChaosMonkey chaos) {
        this.monkey = chaos;
        ScopePropagation.install(new CoreScopeCarrier(chaos));
        chaos.getEventPublisher().onArmed(this).onActivated(this).onSwitched(this);
        refresh();
    }

    /** Stops following (agent detach); woven classes are restored by the transformer's reset. */
    void unfollow() {
        ChaosMonkey chaos = monkey;
        if (chaos != null) {
            chaos.removeListener(this);
        }
        ScopePropagation.clear();
    }

    @Override
    public void onEvent(ChaosEvent event) {
        refresh();
    }

    private synchronized void refresh() {
        ChaosMonkey chaos = monkey;
        if (weaving || chaos == null || !chaos.hasScopedRules()) {
            return;
        }
        weaving = true;
        try {
            int woven = LoadedTypes.retransform(instrumentation, TYPES);
            if (woven == 0) {
                return;
            }
            ChaosLog.info("chaos-agent: scoped rule armed; chaos scopes now follow tasks submitted to "
                    + woven + " executor type(s) (woven once, until the agent detaches)");
        } catch (Throwable t) {
            ChaosLog.warn("chaos-agent: could not weave the executors for scope propagation; scoped rules act only"
                    + " on the threads that opened their scope", t);
        }
    }

    /** A {@code Runnable} first argument, wrapped. */
    static final class RunnableArgument {
        private RunnableArgument() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ScopePropagation.wrap(task);
        }
    }

    /** {@code ThreadPoolExecutor.execute}: wrapped unless a {@code RunnableFuture}. */
    static final class ExecutedArgument {
        private ExecutedArgument() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ScopePropagation.wrapExecuted(task);
        }
    }

    /** {@code ForkJoinPool.submit(Runnable...)}: wrapped unless a {@code ForkJoinTask}. */
    static final class SubmittedArgument {
        private SubmittedArgument() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ScopePropagation.wrapSubmitted(task);
        }
    }

    /** A {@code Callable} first argument, wrapped. */
    static final class CallableArgument {
        private CallableArgument() {
        }

        @Advice.OnMethodEnter
        @SuppressWarnings({"rawtypes", "unchecked"})
        static void enter(@Advice.Argument(value = 0, readOnly = false) Callable task) {
            task = ScopePropagation.wrap(task);
        }
    }

    /** {@code ThreadBuilders.newVirtualThread(scheduler, name, characteristics, task)}: the task, wrapped. */
    static final class VirtualThreadTask {
        private VirtualThreadTask() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
            task = ScopePropagation.wrap(task);
        }
    }
}
