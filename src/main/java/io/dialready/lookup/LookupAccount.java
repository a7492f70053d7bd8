package io.dialready.lookup;

import io.dialready.spec.JobSpec;

/**
 * One provider account of a run: its port, its pace ({@link Pacer}) and strict window ({@link SendWindow}), how many
 * numbers one of its calls carries, and whether it can still be used: its daily quota may be spent, or it may have been
 * dropped (an account error: closed session, bad token; a gateway that refused every call), which takes only this
 * account out of the run. State other than the volatile flags is read and written under the engine's claims lock.
 */
public final class LookupAccount {

    /** A call carries at most this share of the rate's period worth of numbers: numbers go out evenly, not in bursts. */
    static final int SLICES_PER_PERIOD = 5;

    final JobSpec.Account spec;
    final ContactLookup port;
    final Pacer pacer;
    final SendWindow window;
    final int perCall;
    volatile boolean spent;
    volatile String dropped;
    /** The account's first call is out: the others wait for it (see {@link SendWindow}). */
    boolean firstOut;
    /** Its first call came back: calls go out at the pace from now on. */
    boolean opened;
    /** Calls in a row that failed after their retries without ever reaching WhatsApp. */
    int refusedInARow;

    public LookupAccount(JobSpec.Account spec, ContactLookup port, int batchSize) {
        this.spec = spec;
        this.port = port;
        long permits = spec.rate().permits();
        long period = spec.rate().period().toNanos();
        this.pacer = new Pacer(permits, period);
        this.window = new SendWindow(permits, period);
        // a call carries what is due in a fifth of the period at most, and never more than the burst allows
        long slice = Math.max(1, permits / SLICES_PER_PERIOD);
        this.perCall = (int) Math.max(1, Math.min(Math.min(batchSize, port.maxBatch()), Math.min(spec.burst(), slice)));
    }

    public String name() {
        return spec.name();
    }

    /** Why the account was taken out of the run, null while it is in. */
    public String dropped() {
        return dropped;
    }

    boolean usable() {
        return dropped == null && !spent;
    }
}
