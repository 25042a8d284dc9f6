package com.example.library.member;

import java.time.LocalDate;

import com.example.library.catalog.Book;
import com.example.library.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;

/** One book lent to a member between two dates. */
@Entity
@Table(name = "loans")
public class Loan extends BaseEntity {
    @ManyToOne
    @JoinColumn(name = "book_id")
    @NotNull
    private Book book;

    @Column(name = "loan_date")
    @DateTimeFormat(pattern = "yyyy-MM-dd")
    @NotNull
    private LocalDate loanDate = LocalDate.now();

    @Column(name = "due_date")
    @DateTimeFormat(pattern = "yyyy-MM-dd")
    @NotNull
    private LocalDate dueDate = LocalDate.now().plusWeeks(3);

    @Column(name = "returned")
    private boolean returned;

    public Book getBook() {
        return book;
    }

    public void setBook(Book book) {
        this.book = book;
    }

    public LocalDate getLoanDate() {
        return loanDate;
    }

    public void setLoanDate(LocalDate loanDate) {
        this.loanDate = loanDate;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public void setDueDate(LocalDate dueDate) {
        this.dueDate = dueDate;
    }

    public boolean isReturned() {
        return returned;
    }

    public void setReturned(boolean returned) {
        this.returned = returned;
    }
}
