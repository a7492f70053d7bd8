package io.dialready.run;

/** The exit codes, as documented in README.md. */
public final class ExitCodes {

    public static final int COMPLETED = 0;
    /** Any other failure; the run can be resumed by running the same command again. */
    public static final int FAILED = 1;
    /** Bad arguments or job spec; the message names the key or option and what is wrong. */
    public static final int BAD_ARGUMENTS = 2;
    /** The input cannot be read; the message names the file and why. */
    public static final int INPUT_UNREADABLE = 3;
    /**
     * Every provider account's daily quota is spent: the outputs are complete, the phones not checked are PENDING, and
     * the next run checks them first.
     */
    public static final int QUOTA_SPENT = 4;
    /**
     * The provider cannot be used (an account refused with 401/403/404, or the circuit breaker stayed open): the
     * outputs are complete, the phones not checked are PENDING; the message names the account and the cause.
     */
    public static final int PROVIDER_FAILED = 5;

    /**
     * The run completed but rejected more of its rows than {@code run.max_rejected_percent} allows (default 50%): the
     * enriched file, the rejects and the report are written, no dialer file is published; the message says why.
     */
    public static final int TOO_MANY_REJECTED = 6;

    private ExitCodes() {}

    /** Whether a run completed with its outputs (0), or with phones left PENDING because a quota was spent (4). */
    public static boolean completed(int exitCode) {
        return exitCode == COMPLETED || exitCode == QUOTA_SPENT;
    }
}
