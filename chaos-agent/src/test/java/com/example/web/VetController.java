package com.example.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Like Spring PetClinic's {@code VetController}: paged lists bound by parameter name, and another endpoint. Spring
 * reads a parameter's name on the first request to its method and then keeps it, so each phase of the test uses a
 * method not requested before.
 */
@RestController
public class VetController {
    @GetMapping("/vets")
    public String showVetList(@RequestParam int page) {
        return "vets page " + page;
    }

    @GetMapping("/vets/retired")
    public String showRetiredVetList(@RequestParam int page) {
        return "retired vets page " + page;
    }

    @GetMapping("/vets/visiting")
    public String showVisitingVetList(@RequestParam int page) {
        return "visiting vets page " + page;
    }

    @GetMapping("/specialties")
    public String specialties() {
        return "radiology, surgery";
    }
}
