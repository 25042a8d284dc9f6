package dev.chaosmonkey.spring.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;

/**
 * The method point for beans, through Spring AOP: beans whose class is named by a method rule of {@code chaos.rules}
 * or by {@code chaos.method.targets} get an advisor (added to an existing proxy, such as a {@code @Transactional} or
 * Resilience4j one, or a new class proxy) whose interceptor asks {@code decideMethod(class, method)} before each
 * public method. Disarmed, that is one volatile read and a branch. A final class cannot be proxied: it is left alone
 * with one INFO line; final methods of a proxied class are named in one INFO line (they cannot be intercepted).
 * Skipped when the chaos agent is attached: it weaves method rules itself, and each call must be decided once.
 */
public final class ChaosMethodPostProcessor extends AbstractAdvisingBeanPostProcessor {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");

    private final transient ClassNamePatterns patterns;

    public ChaosMethodPostProcessor(ObjectProvider<ChaosMonkey> monkey, ClassNamePatterns patterns) {
        this.patterns = patterns;
        this.advisor = new DefaultPointcutAdvisor(new TargetPointcut(patterns), new MethodChaosInterceptor(monkey));
        setBeforeExistingAdvisors(true);
        setProxyTargetClass(true);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (patterns.isEmpty()) {
            return bean;
        }
        Class<?> type = AopUtils.getTargetClass(bean);
        if (!isEligible(bean, beanName)) {
            return bean;
        }
        if (Modifier.isFinal(type.getModifiers()) && !AopUtils.isAopProxy(bean)) {
            LOG.info("chaos: bean '{}' ({}) matches the method targets {} but its class is final and cannot be"
                    + " proxied; method rules do not reach it without the chaos agent", beanName, type.getName(),
                    patterns);
            return bean;
        }
        List<String> finals = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() != Object.class && Modifier.isFinal(m.getModifiers())) {
                finals.add(m.getName());
            }
        }
        if (!finals.isEmpty()) {
            LOG.info("chaos: bean '{}' ({}) is proxied for method rules, but its final methods {} cannot be"
                    + " intercepted", beanName, type.getName(), finals);
        }
        try {
            return super.postProcessAfterInitialization(bean, beanName);
        } catch (RuntimeException e) {
            LOG.info("chaos: bean '{}' ({}) cannot be proxied for method rules ({}); it is left as it is", beanName,
                    type.getName(), e.toString());
            return bean;
        }
    }

    /** Classes named by the patterns; public methods not declared by {@code Object}. */
    static final class TargetPointcut implements Pointcut {
        private final ClassNamePatterns patterns;

        TargetPointcut(ClassNamePatterns patterns) {
            this.patterns = patterns;
        }

        @Override
        public ClassFilter getClassFilter() {
            return type -> patterns.matches(ClassUtils.getUserClass(type).getName());
        }

        @Override
        public MethodMatcher getMethodMatcher() {
            return new StaticMethodMatcher() {
                @Override
                public boolean matches(Method method, Class<?> targetClass) {
                    return Modifier.isPublic(method.getModifiers()) && method.getDeclaringClass() != Object.class;
                }
            };
        }
    }

    /** Asks chaos before each intercepted call. */
    static final class MethodChaosInterceptor implements MethodInterceptor {
        private final ObjectProvider<ChaosMonkey> provider;
        private volatile ChaosMonkey monkey;

        MethodChaosInterceptor(ObjectProvider<ChaosMonkey> provider) {
            this.provider = provider;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            ChaosMonkey m = monkey;
            if (m == null) {
                m = provider.getObject();
                monkey = m;
            }
            if (m.isArmed(InjectionPoint.METHOD)) {
                before(m, invocation);
            }
            return invocation.proceed();
        }

        private static void before(ChaosMonkey monkey, MethodInvocation invocation) {
            Injection injection = null;
            Class<?> type = invocation.getThis() == null ? invocation.getMethod().getDeclaringClass()
                    : AopUtils.getTargetClass(invocation.getThis());
            try {
                injection = monkey.decideMethod(ClassUtils.getUserClass(type).getName(),
                        invocation.getMethod().getName());
            } catch (Throwable t) {
                InternalErrors.swallow("method", t);
            }
            if (injection != null) {
                injection.perform(type.getClassLoader());
            }
        }
    }
}
