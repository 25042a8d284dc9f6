package com.example.shop;

/** A class compiled with {@code -parameters} (as the whole build is), for the parameter-name fidelity test. */
public class Catalog {
    /** A method whose parameter names frameworks read through reflection. */
    public String page(int page, String sortBy) {
        return "page " + page + " by " + sortBy;
    }

    /** The method rules are armed on. */
    public int count() {
        return 3;
    }
}
