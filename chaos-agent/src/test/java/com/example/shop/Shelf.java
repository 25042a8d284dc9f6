package com.example.shop;

import java.util.List;
import java.util.Optional;

/** A class the method point's return faults are woven into. */
public class Shelf {
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
}
