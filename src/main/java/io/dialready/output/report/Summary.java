package io.dialready.output.report;

import io.dialready.batch.RunPlan;
import java.io.PrintWriter;
import java.util.Map;

/** The few lines printed when a run completes: what came in, what came out, and where. */
public final class Summary {

    private Summary() {}

    public static void print(PrintWriter out, Map<?, ?> r, RunPlan plan, boolean resumed) {
        String provider = String.valueOf(r.get("provider"));
        out.printf(
                "dialready: %s %s%s%n",
                plan.spec().name(),
                resumed ? "resumed and completed" : "completed",
                "sandbox".equals(provider)
                        ? " (provider: sandbox, simulated answers, not real WhatsApp checks)"
                        : " (provider: " + provider + ")");
        out.printf(
                "  rows: %s read, %s enriched, %s rejected%n",
                r.get("rows_read"), r.get("rows_enriched"), r.get("rows_rejected"));
        out.printf(
                "  phones: %s valid (%s repaired), %s invalid, %s unique; %s looked up%n",
                r.get("phones_valid"),
                r.get("phones_repaired"),
                r.get("phones_invalid"),
                r.get("phones_unique"),
                r.get("lookups_requested"));
        if (r.get("whatsapp") instanceof Map<?, ?> wa) {
            out.printf(
                    "  whatsapp: %s active, %s inactive, %s unknown, %s pending, %s skipped (fixed lines)%n",
                    wa.get("ACTIVE"), wa.get("INACTIVE"), wa.get("UNKNOWN"), wa.get("PENDING"), wa.get("SKIPPED"));
        }
        if (r.get("accounts") instanceof java.util.List<?> accounts) {
            double waitedSeconds = r.get("throttled_ms") instanceof Number n ? n.doubleValue() / 1000 : 0.0;
            out.printf(
                    "  lookups: %s numbers sent in %s requests (%s retries), %s from the cache, %s pending;"
                            + " %.1f s waited for limits and retries%n",
                    r.get("lookups_requested"),
                    r.get("provider_calls"),
                    r.get("retries"),
                    r.get("cache_hits"),
                    r.get("pending"),
                    waitedSeconds);
            for (Object o : accounts) {
                if (o instanceof Map<?, ?> a) {
                    out.printf(
                            "    account %s: %s numbers checked, quota %s of %s used on %s%n",
                            a.get("name"),
                            a.get("numbers_checked"),
                            a.get("quota_used"),
                            a.get("daily_quota"),
                            a.get("quota_day"));
                    accountOutcome(out, a);
                }
            }
        }
        Object enriched = r.get("rows_enriched");
        Object active = r.get("debtors_with_active_whatsapp");
        double rate = r.get("enrichment_hit_rate") instanceof Number n ? n.doubleValue() * 100 : 0;
        out.printf("  debtors with an active WhatsApp number: %s of %s (%.1f%%)%n", active, enriched, rate);
        double seconds = r.get("duration_seconds") instanceof Number n ? n.doubleValue() : 0.0;
        out.printf("  took %.1f s%n", seconds);
        out.printf("  outputs in %s:%n", plan.outputs().dir());
        for (var f : plan.outputs()
                .published(plan.spec().output().csv(), plan.spec().output().xlsx())) {
            out.printf("    %s%n", f.getFileName());
        }
        for (var p : plan.spec().output().profiles()) {
            out.printf("    %s%n", plan.outputs().profile(p).getFileName());
        }
        if (r.get("debtors_suppressed") != null) {
            out.printf(
                    "  suppressed: %s debtors, %s numbers%n", r.get("debtors_suppressed"), r.get("phones_suppressed"));
        }
        if (r.get("numbers_shared") != null) {
            out.printf("  shared numbers: %s (in %s dialer rows)%n", r.get("numbers_shared"), r.get("phones_shared"));
        }
    }

    /** Issue 11: what the account answered in this run, the quota its calls kept, the calls refused, and a drop. */
    private static void accountOutcome(PrintWriter out, Map<?, ?> a) {
        if (a.get("numbers_answered") != null) {
            out.printf(
                    "      this run: %s numbers answered, %s of quota used, %s calls refused by the gateway%n",
                    a.get("numbers_answered"), a.get("quota_used_this_run"), a.get("calls_refused"));
        }
        if (a.get("dropped") != null) {
            out.printf("      dropped from the run: %s%n", a.get("dropped"));
        }
    }
}
