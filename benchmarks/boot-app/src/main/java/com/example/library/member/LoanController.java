package com.example.library.member;

import com.example.library.catalog.BookRepository;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.validation.Valid;

/** Lends a book to a member. */
@Controller
class LoanController {
    private static final String FORM = "loans/form";

    private final MemberRepository members;
    private final BookRepository books;

    LoanController(MemberRepository members, BookRepository books) {
        this.members = members;
        this.books = books;
    }

    @InitBinder("loan")
    void loanRules(WebDataBinder binder) {
        binder.setDisallowedFields("id");
        binder.addValidators(new LoanValidator());
    }

    @ModelAttribute("member")
    Member member(@PathVariable int memberId) {
        return members.findById(memberId)
                .orElseThrow(() -> new IllegalArgumentException("no member with id " + memberId));
    }

    @GetMapping("/members/{memberId}/loans/new")
    String newForm(Model model) {
        model.addAttribute("loan", new Loan());
        model.addAttribute("books", books.findAll(Sort.by("name")));
        return FORM;
    }

    @PostMapping("/members/{memberId}/loans/new")
    String create(@ModelAttribute("member") Member member, @Valid Loan loan, BindingResult result, Model model) {
        if (result.hasErrors()) {
            model.addAttribute("books", books.findAll(Sort.by("name")));
            return FORM;
        }
        member.addLoan(loan);
        members.save(member);
        return "redirect:/members/" + member.getId();
    }
}
