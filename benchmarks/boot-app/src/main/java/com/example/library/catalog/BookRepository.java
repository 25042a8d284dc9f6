package com.example.library.catalog;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Books, by title prefix or genre. */
public interface BookRepository extends JpaRepository<Book, Integer> {

    /** Books whose title starts with the text, title order. */
    @Transactional(readOnly = true)
    Page<Book> findByNameStartingWithIgnoreCaseOrderByName(String prefix, Pageable pageable);

    /** Books of one genre, newest first. */
    @Query("select b from Book b where b.genre.name = :genre order by b.published desc")
    @Transactional(readOnly = true)
    List<Book> findByGenreName(@Param("genre") String genre);
}
