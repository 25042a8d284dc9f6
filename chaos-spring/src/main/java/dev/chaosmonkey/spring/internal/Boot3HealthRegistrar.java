package dev.chaosmonkey.spring.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;

/**
 * The {@code chaos} health contributor on Spring Boot 3.5, whose health API lives in
 * {@code org.springframework.boot.actuate.health} (Boot 4 moved it to {@code org.springframework.boot.health}). The
 * starter is compiled against Boot 4, so the Boot 3 contributor is a {@code HealthIndicator} proxy that builds its
 * {@code Health} reflectively; it reports what {@code ChaosHealthIndicator} reports on Boot 4.
 */
public final class Boot3HealthRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {
    static final String INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    static final String HEALTH = "org.springframework.boot.actuate.health.Health";

    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition("chaosHealthIndicator")) {
            return;
        }
        ClassLoader loader = Boot3HealthRegistrar.class.getClassLoader();
        Class<?> indicator = ClassUtils.resolveClassName(INDICATOR, loader);
        BeanFactory factory = beanFactory;
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setTargetType(indicator);
        definition.setInstanceSupplier(() -> Proxy.newProxyInstance(loader, new Class<?>[] {indicator},
                new Handler(factory, loader)));
        registry.registerBeanDefinition("chaosHealthIndicator", definition);
    }

    private static final class Handler implements InvocationHandler {
        private final BeanFactory beanFactory;
        private final ClassLoader loader;

        Handler(BeanFactory beanFactory, ClassLoader loader) {
            this.beanFactory = beanFactory;
            this.loader = loader;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "health":
                    return health();
                case "toString":
                    return "chaos health contributor (Boot 3)";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
            }
        }

        private Object health() throws ReflectiveOperationException {
            ChaosMonkey monkey = beanFactory.getBean(ChaosMonkey.class);
            boolean downWhenActive = Boolean.parseBoolean(beanFactory.getBean(
                    org.springframework.core.env.Environment.class)
                    .getProperty("chaos.health.down-when-active", "false"));
            List<String> rules = new ArrayList<>();
            boolean active = false;
            for (RuleInfo r : monkey.rules()) {
                rules.add(r.getId() + " [" + r.getState() + "] " + r.getSpec());
                active |= "ACTIVE".equals(r.getState());
            }
            boolean faulting = monkey.isEnabled() && active;
            Class<?> health = ClassUtils.forName(HEALTH, loader);
            Object builder = health.getMethod(downWhenActive && faulting ? "down" : "up").invoke(null);
            Method withDetail = builder.getClass().getMethod("withDetail", String.class, Object.class);
            withDetail.invoke(builder, "enabled", monkey.isEnabled());
            withDetail.invoke(builder, "dryRun", monkey.isDryRun());
            withDetail.invoke(builder, "faultsActive", faulting);
            withDetail.invoke(builder, "rules", rules);
            return builder.getClass().getMethod("build").invoke(builder);
        }
    }
}
