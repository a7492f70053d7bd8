package io.dialready.output.report;

import io.dialready.batch.RunPlan;
import java.io.PrintWriter;

/** The few lines printed when a run completes: what came in, what came out, and where. */
public final class Summary {

    private Summary() {}

    public static void print(PrintWriter out, RunReport r, RunPlan plan, boolean resumed) {
        String provider = r.run().provider();
        out.printf(
                "dialready: %s %s%s%n",
                plan.spec().name(),
                resumed ? "resumed and completed" : "completed",
                "sandbox".equals(provider)
                        ? " (provider: sandbox, simulated answers, not real WhatsApp checks)"
                        : " (provider: " + provider + ")");
        RunReport.Rows rows = r.rows();
        out.printf(
                "  rows: %s read, %s enriched, %s rejected%n",
                rows.rowsRead(), rows.rowsEnriched(), rows.rowsRejected());
        RunReport.Phones phones = r.phones();
        RunReport.Lookups lookups = r.lookups();
        out.printf(
                "  phones: %s valid (%s repaired), %s invalid, %s unique; %s looked up%n",
                phones.phonesValid(),
                phones.phonesRepaired(),
                phones.phonesInvalid(),
                phones.phonesUnique(),
                lookups.lookupsRequested());
        RunReport.StatusCounts wa = r.reach().whatsapp();
        out.printf(
                "  whatsapp: %s active, %s inactive, %s unknown, %s pending, %s skipped (fixed lines)%n",
                wa.active(), wa.inactive(), wa.unknown(), wa.pending(), wa.skipped());
        if (lookups.accounts() != null) {
            accounts(out, lookups);
        }
        double rate = r.reach().enrichmentHitRate() * 100;
        out.printf(
                "  debtors with an active WhatsApp number: %s of %s (%.1f%%)%n",
                r.reach().debtorsWithActiveWhatsapp(), rows.rowsEnriched(), rate);
        out.printf("  took %.1f s%n", r.timing().durationSeconds());
        out.printf("  outputs in %s:%n", plan.outputs().dir());
        for (var f : plan.outputs()
                .published(plan.spec().output().csv(), plan.spec().output().xlsx())) {
            out.printf("    %s%n", f.getFileName());
        }
        for (var p : plan.spec().output().profiles()) {
            out.printf("    %s%n", plan.outputs().profile(p).getFileName());
        }
        if (phones.debtorsSuppressed() != null) {
            out.printf("  suppressed: %s debtors, %s numbers%n", phones.debtorsSuppressed(), phones.phonesSuppressed());
        }
        if (phones.numbersShared() != null) {
            out.printf("  shared numbers: %s (in %s dialer rows)%n", phones.numbersShared(), phones.phonesShared());
        }
    }

    private static void accounts(PrintWriter out, RunReport.Lookups lookups) {
        double waitedSeconds = lookups.throttledMs() == null ? 0.0 : lookups.throttledMs() / 1000.0;
        out.printf(
                "  lookups: %s numbers sent in %s requests (%s retries), %s from the cache, %s pending;"
                        + " %.1f s waited for limits and retries%n",
                lookups.lookupsRequested(),
                lookups.providerCalls(),
                lookups.retries(),
                lookups.cacheHits(),
                lookups.pending(),
                waitedSeconds);
        for (RunReport.Account a : lookups.accounts()) {
            out.printf(
                    "    account %s: %s numbers checked, quota %s of %s used on %s%n",
                    a.name(), a.numbersChecked(), a.quotaUsed(), a.dailyQuota(), a.quotaDay());
            // issue 11: what the account answered in this run, the quota its calls kept, the calls refused, a drop
            out.printf(
                    "      this run: %s numbers answered, %s of quota used, %s calls refused by the gateway%n",
                    a.numbersAnswered(), a.quotaUsedThisRun(), a.callsRefused());
            if (a.dropped() != null) {
                out.printf("      dropped from the run: %s%n", a.dropped());
            }
        }
    }
}
