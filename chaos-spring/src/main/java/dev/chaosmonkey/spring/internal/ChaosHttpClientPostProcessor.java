package dev.chaosmonkey.spring.internal;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Adds the chaos interceptor to {@code RestClient.Builder}, {@code RestTemplate} and Spring Boot's
 * {@code RestTemplateBuilder} beans, once each (a {@code RestTemplate} bean built from an intercepted builder is not
 * intercepted twice). The interceptor goes last, closest to the wire, so that the application's own interceptors see
 * a synthetic response as they would a real one. {@code RestTemplateBuilder} moved between Boot 3
 * ({@code org.springframework.boot.web.client}) and Boot 4 ({@code org.springframework.boot.restclient}); it is
 * recognised by name and its {@code additionalInterceptors} method, which both versions have.
 */
public final class ChaosHttpClientPostProcessor implements BeanPostProcessor {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");
    private static final String BOOT4_BUILDER = "org.springframework.boot.restclient.RestTemplateBuilder";
    private static final String BOOT3_BUILDER = "org.springframework.boot.web.client.RestTemplateBuilder";

    private final ObjectProvider<ChaosMonkey> monkey;
    private volatile ChaosHttpInterceptor interceptor;

    public ChaosHttpClientPostProcessor(ObjectProvider<ChaosMonkey> monkey) {
        this.monkey = monkey;
    }

    private ChaosHttpInterceptor interceptor() {
        ChaosHttpInterceptor i = interceptor;
        if (i == null) {
            i = new ChaosHttpInterceptor(monkey.getObject());
            interceptor = i;
        }
        return i;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RestClient.Builder) {
            ((RestClient.Builder) bean).requestInterceptors(list -> {
                if (list.stream().noneMatch(ChaosHttpInterceptor.class::isInstance)) {
                    list.add(interceptor());
                }
            });
            return bean;
        }
        if (bean instanceof RestTemplate) {
            RestTemplate template = (RestTemplate) bean;
            if (template.getInterceptors().stream().noneMatch(ChaosHttpInterceptor.class::isInstance)) {
                template.getInterceptors().add(interceptor());
            }
            return bean;
        }
        String name = ClassUtils.getUserClass(bean).getName();
        if (name.equals(BOOT4_BUILDER) || name.equals(BOOT3_BUILDER)) {
            return restTemplateBuilder(bean, beanName);
        }
        return bean;
    }

    private Object restTemplateBuilder(Object builder, String beanName) {
        try {
            Method add = builder.getClass().getMethod("additionalInterceptors", ClientHttpRequestInterceptor[].class);
            return add.invoke(builder, (Object) new ClientHttpRequestInterceptor[] {interceptor()});
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("chaos: could not add the http interceptor to RestTemplateBuilder bean '{}'; RestTemplates built"
                    + " from it get no http chaos: {}", beanName, e.toString());
            return builder;
        }
    }
}
