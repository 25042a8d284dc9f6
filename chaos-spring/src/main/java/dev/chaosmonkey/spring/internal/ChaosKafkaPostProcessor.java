package dev.chaosmonkey.spring.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.core.ProducerPostProcessor;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ExceptionFault;
import dev.chaosmonkey.core.Fault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.TimeoutFault;

/**
 * The kafka point for {@code ProducerFactory} beans (so every {@code KafkaTemplate} over them): a producer
 * post-processor wraps each producer the factory creates. Behaves like the agent and a real broker failure: an
 * {@code ApiException} (default {@code NetworkException}, {@code TimeoutException} for timeouts) calls the callback
 * and completes the send future exceptionally about 100 ms later, as a delivery failure does, so
 * {@code KafkaTemplate.send} returns a future that fails (it would throw "Send failed" for a future that is already
 * failed); other exceptions are thrown by {@code send}; timeouts block {@code send} for their bound first, delays
 * block it and then send. Skipped when the chaos agent is attached (it weaves {@code KafkaProducer.send} itself).
 */
public final class ChaosKafkaPostProcessor implements BeanPostProcessor {
    private static final Logger LOG = LoggerFactory.getLogger("dev.chaosmonkey.spring");
    /** How late an injected broker failure completes the send, as a round trip to a failing broker would. */
    private static final long BROKER_FAILURE_MILLIS = 100;

    private final ObjectProvider<ChaosMonkey> monkey;
    private final boolean agent;

    public ChaosKafkaPostProcessor(ObjectProvider<ChaosMonkey> monkey) {
        this(monkey, AgentPresence.isAttached());
    }

    ChaosKafkaPostProcessor(ObjectProvider<ChaosMonkey> monkey, boolean agent) {
        this.monkey = monkey;
        this.agent = agent;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof ProducerFactory)) {
            return bean;
        }
        if (agent) {
            LOG.info("chaos: the chaos agent is attached and weaves KafkaProducer.send; ProducerFactory bean '{}' is"
                    + " not wrapped", beanName);
            return bean;
        }
        ProducerFactory factory = (ProducerFactory) bean;
        boolean present = factory.getPostProcessors().stream().anyMatch(ChaosProducerWrapper.class::isInstance);
        if (!present) {
            factory.addPostProcessor(new ChaosProducerWrapper(monkey.getObject()));
        }
        return bean;
    }

    /** Wraps a producer in a proxy whose {@code send} asks chaos. */
    static final class ChaosProducerWrapper implements ProducerPostProcessor<Object, Object> {
        private final ChaosMonkey monkey;

        ChaosProducerWrapper(ChaosMonkey monkey) {
            this.monkey = monkey;
        }

        @Override
        public Producer<Object, Object> apply(Producer<Object, Object> producer) {
            if (Proxy.isProxyClass(producer.getClass())
                    && Proxy.getInvocationHandler(producer) instanceof SendHandler) {
                return producer;
            }
            @SuppressWarnings("unchecked")
            Producer<Object, Object> proxy = (Producer<Object, Object>) Proxy.newProxyInstance(
                    producer.getClass().getClassLoader(), new Class<?>[] {Producer.class, ChaosWrapped.class},
                    new SendHandler(producer, monkey));
            return proxy;
        }
    }

    static final class SendHandler implements InvocationHandler {
        private final Producer<?, ?> delegate;
        private final ChaosMonkey monkey;

        SendHandler(Producer<?, ?> delegate, ChaosMonkey monkey) {
            this.delegate = delegate;
            this.monkey = monkey;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "chaos:" + delegate;
                    default:
                        break;
                }
            }
            if (method.getName().equals("send") && monkey.isArmed(InjectionPoint.KAFKA)) {
                Object failed = beforeSend((ProducerRecord<?, ?>) args[0],
                        args.length > 1 ? (Callback) args[1] : null);
                if (failed != null) {
                    return failed;
                }
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Returns a failed future to return instead of sending, or {@code null} to send. */
        private Object beforeSend(ProducerRecord<?, ?> record, Callback callback) throws Throwable {
            Injection injection = null;
            try {
                injection = monkey.decideKafka(record.topic(), record.key() != null);
            } catch (Throwable t) {
                InternalErrors.swallow("kafka", t);
            }
            if (injection == null) {
                return null;
            }
            ClassLoader loader = delegate.getClass().getClassLoader();
            Fault fault = injection.fault();
            if (!(fault instanceof ExceptionFault) && !(fault instanceof TimeoutFault)) {
                injection.perform(loader);
                return null;
            }
            injection.sleep();
            Throwable failure = injection.newThrowable(loader, null);
            if (!(failure instanceof ApiException)) {
                throw failure;
            }
            // a broker failure arrives later, on the producer's I/O thread: callback first, then the future. Not at
            // once: KafkaTemplate checks the returned future right after send and throws "Send failed" for one that
            // is already done, so a completion that raced ahead of that check changed what the caller saw
            CompletableFuture<Object> future = new CompletableFuture<>();
            Exception exception = (Exception) failure;
            CompletableFuture.runAsync(() -> {
                if (callback != null) {
                    try {
                        callback.onCompletion(null, exception);
                    } catch (Throwable t) {
                        InternalErrors.swallow("kafka-callback", t);
                    }
                }
                future.completeExceptionally(exception);
            }, CompletableFuture.delayedExecutor(BROKER_FAILURE_MILLIS, TimeUnit.MILLISECONDS));
            return future;
        }
    }
}
