package com.example.shop;

import java.util.List;
import java.util.Optional;

/**
 * A test fixture shared by two suites: the method point's return faults are woven into it (items .. saved), and,
 * compiled with {@code -parameters} (as the whole build is), it serves the parameter-name fidelity test (page, count).
 */
public class Catalog {
    private int saved;

    public List<String> items() {
        return List.of("tea", "coffee");
    }

    public Optional<String> find(String name) {
        return Optional.of(name);
    }

    public int stock(String item) {
        return 42;
    }

    public String label(String item) {
        return "label:" + item;
    }

    public String[] tags() {
        return new String[] {"hot"};
    }

    public void save() {
        saved++;
    }

    public int saved() {
        return saved;
    }

    /** A method whose parameter names frameworks read through reflection. */
    public String page(int page, String sortBy) {
        return "page " + page + " by " + sortBy;
    }

    /** The method rules are armed on. */
    public int count() {
        return 3;
    }
}
