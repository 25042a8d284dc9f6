package dev.chaosmonkey.spring.app;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Service;

/** A @Service the method point targets through Spring AOP. */
@Service
public class PaymentGateway {
    private final AtomicInteger charges = new AtomicInteger();

    public String charge(String orderId) {
        charges.incrementAndGet();
        return "paid " + orderId;
    }

    public int charges() {
        return charges.get();
    }
}
