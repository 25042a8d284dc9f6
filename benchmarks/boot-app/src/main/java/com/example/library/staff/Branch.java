package com.example.library.staff;

import com.example.library.model.NamedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A library branch. */
@Entity
@Table(name = "branches")
public class Branch extends NamedEntity {
    @Column(name = "city")
    private String city;

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }
}
