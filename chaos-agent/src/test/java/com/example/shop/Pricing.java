package com.example.shop;

/** A second class, loaded only after a method rule naming it is armed. */
public class Pricing {
    /** Price of an item in cents. */
    public long priceOf(String item) {
        return item.length() * 100L;
    }
}
