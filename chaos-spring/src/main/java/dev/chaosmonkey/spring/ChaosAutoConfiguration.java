package dev.chaosmonkey.spring;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosRule;
import dev.chaosmonkey.core.FaultSpec;
import dev.chaosmonkey.spring.internal.AllowedScopes;
import dev.chaosmonkey.spring.internal.Boot3HealthRegistrar;
import dev.chaosmonkey.spring.internal.ChaosDataSourcePostProcessor;
import dev.chaosmonkey.spring.internal.ChaosScopeServletFilter;
import dev.chaosmonkey.spring.internal.ChaosScopeWebFilter;
import dev.chaosmonkey.spring.internal.ChaosEnvironment;
import dev.chaosmonkey.spring.internal.ChaosHttpClientPostProcessor;
import dev.chaosmonkey.spring.internal.ChaosKafkaPostProcessor;
import dev.chaosmonkey.spring.internal.ChaosMethodPostProcessor;
import dev.chaosmonkey.spring.internal.ChaosStartup;
import dev.chaosmonkey.spring.internal.ChaosWebClientPostProcessor;
import dev.chaosmonkey.spring.internal.ClassNamePatterns;
import dev.chaosmonkey.spring.internal.ExperimentControl;
import dev.chaosmonkey.spring.internal.GlobalChaos;
import dev.chaosmonkey.spring.internal.OnChaosAllowedCondition;

/**
 * Auto-configuration of chaos-spring. The {@link ChaosMonkey} bean is {@link ChaosMonkey#global()}, the one chaos
 * state of the JVM that the agent, JMX and chaos-junit share (define your own {@code ChaosMonkey} bean to use an
 * isolated instance instead). {@code chaos.*} switches are applied at start by {@link ChaosStartup}; Spring's
 * clients are wrapped unless the production guard keeps chaos off. Chaos itself stays off unless
 * {@code chaos.enabled=true}: the wrappers cost one volatile read per call while nothing is armed.
 */
@AutoConfiguration
@EnableConfigurationProperties(ChaosProperties.class)
public class ChaosAutoConfiguration {

    /** The JVM's chaos state, created with the chaos.* limits when the starter is first to use it. */
    @Bean
    @ConditionalOnMissingBean
    public ChaosMonkey chaosMonkey(ChaosProperties properties, Environment environment) {
        ChaosEnvironment env = ChaosEnvironment.resolve(properties.getEnvironment(), environment);
        return GlobalChaos.obtain(properties.toConfig(env.name()));
    }

    /** Applies the production guard, dry-run, chaos.rules and chaos.enabled. */
    @Bean
    @ConditionalOnMissingBean
    public ChaosStartup chaosStartup(ChaosMonkey monkey, ChaosProperties properties, Environment environment) {
        return new ChaosStartup(monkey, properties,
                ChaosEnvironment.resolve(properties.getEnvironment(), environment));
    }

    /** DataSource beans: the jdbc point. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "javax.sql.DataSource")
    @ConditionalOnProperty(name = "chaos.jdbc.enabled", matchIfMissing = true)
    @Conditional(OnChaosAllowedCondition.class)
    static class JdbcChaosConfiguration {
        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static ChaosDataSourcePostProcessor chaosDataSourcePostProcessor(ObjectProvider<ChaosMonkey> monkey) {
            return new ChaosDataSourcePostProcessor(monkey);
        }
    }

    /** RestClient.Builder, RestTemplate and RestTemplateBuilder beans: the http point. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
    @ConditionalOnProperty(name = "chaos.http.enabled", matchIfMissing = true)
    @Conditional(OnChaosAllowedCondition.class)
    static class HttpChaosConfiguration {
        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static ChaosHttpClientPostProcessor chaosHttpClientPostProcessor(ObjectProvider<ChaosMonkey> monkey) {
            return new ChaosHttpClientPostProcessor(monkey);
        }
    }

    /** Servlet requests carrying an allowed chaos scope run inside it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter"})
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Conditional(OnChaosAllowedCondition.class)
    static class ServletScopeConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ChaosScopeServletFilter chaosScopeServletFilter(ChaosProperties properties) {
            return new ChaosScopeServletFilter(new AllowedScopes(properties.getScope().getAllowed()));
        }
    }

    /** WebFlux requests carrying an allowed chaos scope run with it in their Reactor context. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @Conditional(OnChaosAllowedCondition.class)
    static class ReactiveScopeConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ChaosScopeWebFilter chaosScopeWebFilter(ChaosProperties properties) {
            return new ChaosScopeWebFilter(new AllowedScopes(properties.getScope().getAllowed()));
        }
    }

    /** WebClient.Builder beans: the http point through the reactive pipeline. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
    @ConditionalOnProperty(name = "chaos.http.enabled", matchIfMissing = true)
    @Conditional(OnChaosAllowedCondition.class)
    static class WebClientChaosConfiguration {
        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static ChaosWebClientPostProcessor chaosWebClientPostProcessor(ObjectProvider<ChaosMonkey> monkey) {
            return new ChaosWebClientPostProcessor(monkey);
        }
    }

    /** ProducerFactory beans (and so KafkaTemplate): the kafka point. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.kafka.core.ProducerFactory",
            "org.apache.kafka.clients.producer.Producer"})
    @ConditionalOnProperty(name = "chaos.kafka.enabled", matchIfMissing = true)
    @Conditional(OnChaosAllowedCondition.class)
    static class KafkaChaosConfiguration {
        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static ChaosKafkaPostProcessor chaosKafkaPostProcessor(ObjectProvider<ChaosMonkey> monkey) {
            return new ChaosKafkaPostProcessor(monkey);
        }
    }

    /** Beans named by method rules: the method point through Spring AOP. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor")
    @ConditionalOnProperty(name = "chaos.method.enabled", matchIfMissing = true)
    @Conditional(OnChaosAllowedCondition.class)
    static class MethodChaosConfiguration {
        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static ChaosMethodPostProcessor chaosMethodPostProcessor(ObjectProvider<ChaosMonkey> monkey,
                Environment environment) {
            // bound here by hand: post-processors are created before @ConfigurationProperties beans
            List<ChaosRule> rules = new ArrayList<>();
            for (String spec : bindList(environment, "chaos.rules")) {
                try {
                    rules.add(FaultSpec.parse(spec));
                } catch (IllegalArgumentException e) {
                    // reported by ChaosStartup with its position
                }
            }
            return new ChaosMethodPostProcessor(monkey,
                    ClassNamePatterns.of(rules, bindList(environment, "chaos.method.targets")));
        }

        private static List<String> bindList(Environment environment, String name) {
            return org.springframework.boot.context.properties.bind.Binder.get(environment)
                    .bind(name, org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
                    .orElse(List.of());
        }
    }

    /** The chaos actuator endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        public ChaosEndpoint chaosEndpoint(ChaosMonkey monkey, ObjectProvider<ChaosStartup> startup,
                ChaosProperties properties, ObjectProvider<ExperimentControl> experiments) {
            return new ChaosEndpoint(monkey, startup.getIfAvailable(), properties.getSecurity().getRole(),
                    experiments.getIfAvailable());
        }

        /** In-process experiments through the endpoint, when chaos-experiment is present. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnClass(name = "dev.chaosmonkey.experiment.ExperimentRunnerJmx")
        public ExperimentControl chaosExperimentControl() {
            return new ExperimentControl();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
        public ChaosInfoContributor chaosInfoContributor(ChaosMonkey monkey) {
            return new ChaosInfoContributor(monkey);
        }
    }

    /** The chaos health contributor (Spring Boot 4's health API). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(name = "chaos.health.enabled", matchIfMissing = true)
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "chaosHealthIndicator")
        public ChaosHealthIndicator chaosHealthIndicator(ChaosMonkey monkey, ChaosProperties properties) {
            return new ChaosHealthIndicator(monkey, properties.getHealth().isDownWhenActive());
        }
    }

    /** The chaos health contributor on Spring Boot 3.5's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(name = "chaos.health.enabled", matchIfMissing = true)
    @Import(Boot3HealthRegistrar.class)
    static class Boot3HealthConfiguration {
    }

    /** Chaos metrics, bound by Spring Boot to every MeterRegistry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.chaosmonkey.micrometer.ChaosMetrics", "io.micrometer.core.instrument.MeterRegistry"})
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        public dev.chaosmonkey.micrometer.ChaosMetrics chaosMetrics(ChaosMonkey monkey) {
            return new dev.chaosmonkey.micrometer.ChaosMetrics(monkey);
        }
    }
}
