package io.dialready.domain;

import java.time.LocalDate;

/**
 * A phone's local time zone and calling windows ("HH:mm-HH:mm", or empty when closed or unknown).
 *
 * @param timeZone null when the number's zone is not known
 * @param date     the date {@code onDate} is for (the run's as-of date)
 * @param onDate   that date's window: the weekday, Saturday or Sunday window, empty on a holiday that closes it
 */
public record CallingWindow(
        String timeZone, String weekdays, String saturday, String sunday, LocalDate date, String onDate) {}
