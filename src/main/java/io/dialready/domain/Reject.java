package io.dialready.domain;

/**
 * One line of the rejects file: a row that could not be used at all (column empty), or one value of a row that could
 * not be used (a phone, an amount, a date).
 */
public record Reject(long line, String column, String value, String reason) {}
