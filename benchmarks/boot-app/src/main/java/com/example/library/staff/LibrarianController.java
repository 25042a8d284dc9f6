package com.example.library.staff;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The staff page and its JSON resource. */
@Controller
class LibrarianController {
    private final LibrarianRepository librarians;

    LibrarianController(LibrarianRepository librarians) {
        this.librarians = librarians;
    }

    @GetMapping("/librarians.html")
    String page(Model model) {
        model.addAttribute("librarians", librarians.findAllWithBranch());
        return "librarians";
    }

    @GetMapping(path = "/librarians", produces = "application/json")
    @ResponseBody
    List<LibrarianView> json() {
        return librarians.findAllWithBranch().stream().map(LibrarianView::of).toList();
    }
}
