package io.dialready.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The debtor-level fields of one input row, as the spec maps them. Any of them but {@code key} may be null when the
 * spec does not map it or the value was empty or unusable (then a reject says why).
 *
 * @param daysOverdue given by the days-overdue column, or computed from the due date and the run's date
 */
public record DebtorRecord(
        long line,
        String key,
        String name,
        String document,
        BigDecimal amount,
        LocalDate dueDate,
        Integer daysOverdue) {}
