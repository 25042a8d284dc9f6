package com.example.library.catalog;

import com.example.library.model.NamedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A genre a book belongs to; librarians specialise in genres. */
@Entity
@Table(name = "genres")
public class Genre extends NamedEntity {
}
