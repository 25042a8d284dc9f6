package com.example.library.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page, and a page that fails on purpose to show the error view. */
@Controller
class WelcomeController {

    @GetMapping("/")
    String welcome() {
        return "welcome";
    }

    @GetMapping("/oops")
    String oops() {
        throw new IllegalStateException("this page fails on purpose, to show the error view");
    }
}
