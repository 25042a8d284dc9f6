package com.example.library.member;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Cross-field rule Bean Validation does not express: a loan is due after it starts, within 90 days. */
class LoanValidator implements Validator {
    private static final int MAX_DAYS = 90;

    @Override
    public boolean supports(Class<?> type) {
        return Loan.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        Loan loan = (Loan) target;
        if (loan.getLoanDate() == null || loan.getDueDate() == null) {
            return;
        }
        if (!loan.getDueDate().isAfter(loan.getLoanDate())) {
            errors.rejectValue("dueDate", "loan.due.beforeStart");
        } else if (loan.getDueDate().isAfter(loan.getLoanDate().plusDays(MAX_DAYS))) {
            errors.rejectValue("dueDate", "loan.due.tooLate");
        }
    }
}
