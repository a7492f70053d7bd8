package io.dialready.domain;

/** What is known about a number's WhatsApp account. */
public enum WhatsAppStatus {
    /** The provider says an account exists. */
    ACTIVE,
    /** The provider says no account exists. */
    INACTIVE,
    /** The check was tried and failed (error, timeout, number missing from a bulk answer): never read as INACTIVE. */
    UNKNOWN,
    /** Not checked in this run (dry run, quota spent); a later run should check it. */
    PENDING,
    /** Not checked by policy: fixed lines are not looked up unless the spec sets lookup.check_fixed_lines. */
    SKIPPED
}
