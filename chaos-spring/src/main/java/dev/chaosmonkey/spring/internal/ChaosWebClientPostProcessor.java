package dev.chaosmonkey.spring.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.WebClient;

import dev.chaosmonkey.core.ChaosMonkey;

/** Adds the chaos filter to {@code WebClient.Builder} beans (last, closest to the wire), once each. */
public final class ChaosWebClientPostProcessor implements BeanPostProcessor {
    private final ObjectProvider<ChaosMonkey> monkey;
    private volatile ChaosExchangeFilter filter;

    public ChaosWebClientPostProcessor(ObjectProvider<ChaosMonkey> monkey) {
        this.monkey = monkey;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof WebClient.Builder) {
            ((WebClient.Builder) bean).filters(list -> {
                if (list.stream().noneMatch(ChaosExchangeFilter.class::isInstance)) {
                    ChaosExchangeFilter f = filter;
                    if (f == null) {
                        f = new ChaosExchangeFilter(monkey.getObject());
                        filter = f;
                    }
                    list.add(f);
                }
            });
        }
        return bean;
    }
}
