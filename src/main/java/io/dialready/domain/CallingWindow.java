package io.dialready.domain;

/**
 * A phone's local time zone and calling windows ("HH:mm-HH:mm", or empty when closed or unknown).
 *
 * @param timeZone null when the number's zone is not known
 */
public record CallingWindow(String timeZone, String weekdays, String saturday, String sunday) {}
