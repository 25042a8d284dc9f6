package com.example.library.catalog;

import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Genres; the list rarely changes, so it is cached. */
public interface GenreRepository extends JpaRepository<Genre, Integer> {

    /** All genres by name. */
    @Query("select g from Genre g order by g.name")
    @Cacheable("genres")
    List<Genre> findAllOrdered();
}
