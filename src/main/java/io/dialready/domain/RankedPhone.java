package io.dialready.domain;

/** A debtor's valid phone with its lookup answer and its 1-based rank (1 = dial first). */
public record RankedPhone(int rank, PhoneCandidate phone, LookupResult lookup) {}
