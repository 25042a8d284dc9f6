package dev.chaosmonkey.spring.internal;

import java.lang.reflect.Modifier;
import java.sql.Connection;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Wraps {@code DataSource} beans (the jdbc point without the agent). The bean stays an instance of its own class
 * (a class proxy of {@code HikariDataSource} is still a {@code HikariDataSource}), only {@code getConnection} is
 * intercepted, and its connections are wrapped so that statements ask chaos. Skipped when the chaos agent is
 * attached: it weaves JDBC itself, and each call must be decided once.
 */
public final class ChaosDataSourcePostProcessor implements BeanPostProcessor, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");

    private final ObjectProvider<ChaosMonkey> monkey;
    private final boolean agent;
    private volatile boolean agentLogged;

    public ChaosDataSourcePostProcessor(ObjectProvider<ChaosMonkey> monkey) {
        this(monkey, AgentPresence.isAttached());
    }

    ChaosDataSourcePostProcessor(ObjectProvider<ChaosMonkey> monkey, boolean agent) {
        this.monkey = monkey;
        this.agent = agent;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource) || isWrapped(bean)) {
            return bean;
        }
        if (agent) {
            if (!agentLogged) {
                agentLogged = true;
                LOG.info("chaos: the chaos agent is attached and weaves JDBC; DataSource beans are not wrapped");
            }
            return bean;
        }
        ClassLoader loader = bean.getClass().getClassLoader();
        JdbcChaos chaos = new JdbcChaos(monkey.getObject(), loader);
        ProxyFactory factory = new ProxyFactory(bean);
        Class<?> type = AopUtils.getTargetClass(bean);
        boolean finalClass = Modifier.isFinal(type.getModifiers());
        factory.setProxyTargetClass(!finalClass);
        if (finalClass) {
            LOG.info("chaos: DataSource bean '{}' is of the final class {}: wrapped by an interface proxy, so inject"
                    + " it as DataSource (or unwrap it)", beanName, type.getName());
        }
        factory.addInterface(ChaosWrapped.class);
        NameMatchMethodPointcutAdvisor advisor = new NameMatchMethodPointcutAdvisor(new ConnectInterceptor(chaos));
        advisor.setMappedName("getConnection");
        factory.addAdvisor(advisor);
        Object proxy = factory.getProxy(loader);
        LOG.debug("chaos: DataSource bean '{}' wrapped for the jdbc point", beanName);
        return proxy;
    }

    private static boolean isWrapped(Object bean) {
        return bean instanceof ChaosWrapped;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    /** Decides {@code connect} before {@code getConnection} and wraps the connection. */
    static final class ConnectInterceptor implements MethodInterceptor {
        private final JdbcChaos chaos;

        ConnectInterceptor(JdbcChaos chaos) {
            this.chaos = chaos;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            chaos.beforeConnect(null);
            return chaos.wrap((Connection) invocation.proceed());
        }
    }
}
