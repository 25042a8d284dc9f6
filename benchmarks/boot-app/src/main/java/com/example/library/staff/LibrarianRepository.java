package com.example.library.staff;

import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Librarians with their branch; cached, since the list changes rarely. */
public interface LibrarianRepository extends Repository<Librarian, Integer> {

    /** Every librarian, by last name. */
    @Query("select l from Librarian l left join fetch l.branch order by l.lastName")
    @Transactional(readOnly = true)
    @Cacheable("librarians")
    List<Librarian> findAllWithBranch();
}
