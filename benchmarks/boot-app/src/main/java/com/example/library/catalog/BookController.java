package com.example.library.catalog;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The catalogue pages: search by title, list a genre. */
@Controller
class BookController {
    private static final int PAGE_SIZE = 10;

    private final BookRepository books;
    private final GenreRepository genres;

    BookController(BookRepository books, GenreRepository genres) {
        this.books = books;
        this.genres = genres;
    }

    @GetMapping("/books")
    String search(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "1") int page,
            Model model) {
        Page<Book> found = books.findByNameStartingWithIgnoreCaseOrderByName(title,
                PageRequest.of(Math.max(0, page - 1), PAGE_SIZE));
        model.addAttribute("books", found.getContent());
        model.addAttribute("currentPage", page);
        model.addAttribute("totalPages", found.getTotalPages());
        model.addAttribute("title", title);
        model.addAttribute("genres", genres.findAllOrdered());
        return "books";
    }

    @GetMapping("/genres/{name}")
    String genre(@PathVariable String name, Model model) {
        model.addAttribute("books", books.findByGenreName(name));
        model.addAttribute("currentPage", 1);
        model.addAttribute("totalPages", 1);
        model.addAttribute("title", "");
        model.addAttribute("genres", genres.findAllOrdered());
        return "books";
    }
}
