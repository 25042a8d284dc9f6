package com.example.library.member;

import java.util.ArrayList;
import java.util.List;

import com.example.library.model.Person;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A library member, with the loans they took. */
@Entity
@Table(name = "members")
public class Member extends Person {
    @Column(name = "street")
    @NotBlank
    private String street;

    @Column(name = "city")
    @NotBlank
    private String city;

    @Column(name = "telephone")
    @NotBlank
    @Pattern(regexp = "\\d{6,12}", message = "{member.telephone.invalid}")
    private String telephone;

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @JoinColumn(name = "member_id")
    @OrderBy("loanDate desc")
    private final List<Loan> loans = new ArrayList<>();

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getTelephone() {
        return telephone;
    }

    public void setTelephone(String telephone) {
        this.telephone = telephone;
    }

    public List<Loan> getLoans() {
        return loans;
    }

    /** Adds a loan taken by this member. */
    public void addLoan(Loan loan) {
        loans.add(loan);
    }

    /** Loans not returned yet. */
    public long openLoans() {
        return loans.stream().filter(loan -> !loan.isReturned()).count();
    }
}
