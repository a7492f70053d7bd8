package io.dialready.lookup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts of a run and which of them can take the next call: the usable one (quota left, not dropped) whose next
 * send slot comes first, so that a pool shares the work by each account's pace. Not thread-safe: the engine calls it
 * under its claims lock.
 */
final class AccountPool {

    private final List<LookupAccount> accounts;

    AccountPool(List<LookupAccount> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("the lookup engine needs at least one account");
        }
        this.accounts = List.copyOf(accounts);
    }

    /**
     * The usable account whose next slot comes first, skipping those whose first call is still out (they go alone);
     * null when none can take a call now, or none is usable at all ({@link #anyUsable}).
     */
    LookupAccount soonest(long now) {
        LookupAccount best = null;
        long bestAt = Long.MAX_VALUE;
        for (LookupAccount a : accounts) {
            if (!a.usable() || (a.firstOut && !a.opened)) {
                continue;
            }
            long at = a.pacer.soonest(now);
            if (at < bestAt) {
                best = a;
                bestAt = at;
            }
        }
        return best;
    }

    /** For photos, which spend no check quota: the account not dropped whose next slot comes first, spent or not. */
    LookupAccount soonestForPhotos(long now) {
        LookupAccount best = null;
        long bestAt = Long.MAX_VALUE;
        for (LookupAccount a : accounts) {
            long at = a.pacer.soonest(now);
            if (a.dropped == null && at < bestAt) {
                best = a;
                bestAt = at;
            }
        }
        return best;
    }

    boolean anyUsable() {
        return accounts.stream().anyMatch(LookupAccount::usable);
    }

    boolean anyDropped() {
        return accounts.stream().anyMatch(a -> a.dropped != null);
    }

    /** Why no account is usable: each dropped account's reason and each spent quota. */
    String whyNoneUsable() {
        if (!anyDropped()) {
            return "every account's daily quota is spent ("
                    + String.join(
                            ", ",
                            accounts.stream()
                                    .map(a -> a.name() + " " + a.spec.dailyQuota())
                                    .toList())
                    + " numbers a day)";
        }
        List<String> why = new ArrayList<>();
        for (LookupAccount a : accounts) {
            if (a.dropped != null) {
                why.add(a.dropped);
            } else if (a.spent) {
                why.add("account '" + a.name() + "': daily quota of " + a.spec.dailyQuota() + " spent");
            }
        }
        return "no usable account left: " + String.join("; ", why);
    }

    /** The accounts taken out of the run so far, and why. */
    Map<String, String> dropped() {
        Map<String, String> out = new LinkedHashMap<>();
        accounts.stream().filter(a -> a.dropped != null).forEach(a -> out.put(a.name(), a.dropped));
        return out;
    }

    /** Numbers per second all accounts together may check. */
    double allowedRate() {
        return accounts.stream().mapToDouble(a -> a.spec.rate().perSecond()).sum();
    }
}
