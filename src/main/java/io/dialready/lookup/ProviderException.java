package io.dialready.lookup;

import java.time.Duration;

/**
 * A provider request that failed as a whole. Messages name the account and the provider's own words, never a token or
 * a full phone number.
 */
public class ProviderException extends Exception {

    /** What the caller should do about it. */
    public enum Kind {
        /** 429 or 503: the provider asks to slow down; wait ({@link #retryAfter()} when it said how long) and retry. */
        THROTTLED,
        /** 5xx, "Timed Out", timeout, dropped connection, unreadable answer: retry with backoff, then UNKNOWN. */
        TRANSIENT,
        /** 400 and other answers that say this request is wrong: retrying it cannot help; its numbers are UNKNOWN. */
        REJECTED,
        /** 401/403/404 and the like: bad token, disconnected session, unknown instance; this account cannot be used. */
        ACCOUNT
    }

    private final Kind kind;
    private final String account;
    private final int httpStatus;
    private final Duration retryAfter;

    public ProviderException(
            Kind kind, String account, int httpStatus, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.account = account;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderException(Kind kind, String account, int httpStatus, String message) {
        this(kind, account, httpStatus, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The account's name from the spec. */
    public String account() {
        return account;
    }

    /** The HTTP status, 0 when there was no HTTP answer (timeout, refused or dropped connection). */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the provider asked us to wait (Retry-After), null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
