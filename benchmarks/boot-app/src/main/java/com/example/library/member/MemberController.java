package com.example.library.member;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.validation.Valid;

/** Find, show, create and edit members. */
@Controller
class MemberController {
    private static final String FORM = "members/form";
    private static final int PAGE_SIZE = 5;

    private final MemberRepository members;

    MemberController(MemberRepository members) {
        this.members = members;
    }

    @InitBinder
    void noId(WebDataBinder binder) {
        binder.setDisallowedFields("id");
    }

    @GetMapping("/members/new")
    String newForm(Model model) {
        model.addAttribute("member", new Member());
        return FORM;
    }

    @PostMapping("/members/new")
    String create(@Valid Member member, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return FORM;
        }
        members.save(member);
        redirect.addFlashAttribute("message", "member.created");
        return "redirect:/members/" + member.getId();
    }

    @GetMapping("/members/find")
    String findForm(Model model) {
        model.addAttribute("member", new Member());
        return "members/find";
    }

    @GetMapping("/members")
    String list(@RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "1") int page,
            Model model) {
        Page<Member> found = members.findByLastNameStartingWith(lastName, PageRequest.of(Math.max(0, page - 1),
                PAGE_SIZE));
        if (found.getTotalElements() == 1) {
            return "redirect:/members/" + found.getContent().get(0).getId();
        }
        model.addAttribute("members", found.getContent());
        model.addAttribute("currentPage", page);
        model.addAttribute("totalPages", found.getTotalPages());
        model.addAttribute("lastName", lastName);
        return "members/list";
    }

    @GetMapping("/members/{id}")
    String show(@PathVariable int id, Model model) {
        model.addAttribute("member", members.findById(id)
                .orElseThrow(() -> new IllegalArgumentException("no member with id " + id)));
        return "members/detail";
    }

    @GetMapping("/members/{id}/edit")
    String editForm(@PathVariable int id, Model model) {
        show(id, model);
        return FORM;
    }

    @PostMapping("/members/{id}/edit")
    String update(@PathVariable int id, @Valid Member member, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return FORM;
        }
        member.setId(id);
        Member stored = members.findById(id)
                .orElseThrow(() -> new IllegalArgumentException("no member with id " + id));
        member.getLoans().addAll(stored.getLoans());
        members.save(member);
        redirect.addFlashAttribute("message", "member.updated");
        return "redirect:/members/" + id;
    }
}
