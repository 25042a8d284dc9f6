package com.example.library.catalog;

import com.example.library.model.Person;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Someone who wrote books. */
@Entity
@Table(name = "authors")
public class Author extends Person {
    @Column(name = "country")
    private String country;

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }
}
