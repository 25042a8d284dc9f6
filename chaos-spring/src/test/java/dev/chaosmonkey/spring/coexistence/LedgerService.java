package dev.chaosmonkey.spring.coexistence;

import org.springframework.stereotype.Service;

/** A @Service the method rule targets. */
@Service
public class LedgerService {
    public String book(int cents) {
        return "booked " + cents;
    }
}
