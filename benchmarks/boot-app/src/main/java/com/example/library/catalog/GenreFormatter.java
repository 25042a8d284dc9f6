package com.example.library.catalog;

import java.text.ParseException;
import java.util.Locale;

import org.springframework.format.Formatter;
import org.springframework.stereotype.Component;

/** Binds a genre select box: shows the name, parses a name back to the stored genre. */
@Component
public class GenreFormatter implements Formatter<Genre> {
    private final GenreRepository genres;

    public GenreFormatter(GenreRepository genres) {
        this.genres = genres;
    }

    @Override
    public String print(Genre genre, Locale locale) {
        return genre.getName();
    }

    @Override
    public Genre parse(String text, Locale locale) throws ParseException {
        for (Genre genre : genres.findAllOrdered()) {
            if (genre.getName().equals(text)) {
                return genre;
            }
        }
        throw new ParseException("no genre named " + text, 0);
    }
}
