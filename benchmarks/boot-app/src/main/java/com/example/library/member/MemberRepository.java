package com.example.library.member;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Members by last name prefix. */
public interface MemberRepository extends JpaRepository<Member, Integer> {

    /** Members whose last name starts with the text. */
    Page<Member> findByLastNameStartingWith(String lastName, Pageable pageable);

    /** One member; empty when the id is unknown. */
    @Override
    Optional<Member> findById(Integer id);
}
