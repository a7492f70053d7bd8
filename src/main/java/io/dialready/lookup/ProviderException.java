package io.dialready.lookup;

import java.time.Duration;

/**
 * A provider request that failed as a whole. Messages name the account and the provider's own words, never a token or
 * a full phone number.
 * <p>
 * Besides its {@link Kind}, a failure says whether the request was <em>refused before it could reach WhatsApp</em>
 * ({@link #refused()}): a 429 or 503 of the gateway, a refused connection, a closed session, a bad token. Such a
 * request gives its numbers' daily quota back, since WhatsApp never saw them; a request that may have reached WhatsApp
 * (a timeout, a 5xx of the gateway, WhatsApp's own rate-overlimit) keeps them counted.
 */
public class ProviderException extends Exception {

    /** What the caller should do about it. */
    public enum Kind {
        /** 429 or 503: the provider asks to slow down; wait ({@link #retryAfter()} when it said how long) and retry. */
        THROTTLED,
        /** 5xx, "Timed Out", timeout, dropped connection, unreadable answer: retry with backoff, then UNKNOWN. */
        TRANSIENT,
        /**
         * The account exists but is not ready yet (Evolution's instance not loaded, WAHA's session STARTING): retry after
         * a pause; if it is still not ready after the retries, the account is given up like {@link #ACCOUNT}.
         */
        NOT_READY,
        /** 400 and other answers that say this request is wrong: retrying it cannot help; its numbers are UNKNOWN. */
        REJECTED,
        /**
         * 401/403/404, a closed or logged-out session and the like: bad token, disconnected session, unknown instance;
         * this account cannot be used in this run.
         */
        ACCOUNT
    }

    private final Kind kind;
    private final String account;
    private final int httpStatus;
    private final Duration retryAfter;
    private final boolean refused;

    public ProviderException(
            Kind kind,
            String account,
            int httpStatus,
            Duration retryAfter,
            String message,
            Throwable cause,
            boolean refused) {
        super(message, cause);
        this.kind = kind;
        this.account = account;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.refused = refused;
    }

    /** With {@link #refused()} as the kind usually means it ({@link #refusedByDefault}). */
    public ProviderException(
            Kind kind, String account, int httpStatus, Duration retryAfter, String message, Throwable cause) {
        this(kind, account, httpStatus, retryAfter, message, cause, refusedByDefault(kind));
    }

    public ProviderException(Kind kind, String account, int httpStatus, String message) {
        this(kind, account, httpStatus, null, message, null);
    }

    /**
     * Throttled, not ready, rejected and account errors are answered by the gateway before it asks WhatsApp; a transient
     * failure (timeout, 5xx) may have reached WhatsApp.
     */
    public static boolean refusedByDefault(Kind kind) {
        return kind != Kind.TRANSIENT;
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

    /** Whether the request was refused before it could reach WhatsApp: its numbers' quota is given back. */
    public boolean refused() {
        return refused;
    }
}
