package com.example.library.staff;

import java.util.List;

/**
 * What the JSON resource shows of a librarian.
 *
 * @param name full name
 * @param branch branch name, or {@code null}
 * @param genres genre names
 */
public record LibrarianView(String name, String branch, List<String> genres) {

    static LibrarianView of(Librarian librarian) {
        return new LibrarianView(librarian.getFirstName() + " " + librarian.getLastName(),
                librarian.getBranch() == null ? null : librarian.getBranch().getName(),
                librarian.getGenres().stream().map(genre -> genre.getName()).sorted().toList());
    }
}
