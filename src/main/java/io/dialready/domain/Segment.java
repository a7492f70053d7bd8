package io.dialready.domain;

/** Debt-age segment, which drives tone and channel (reminder, payment plan, settlement). */
public enum Segment {
    D0_30("0-30"),
    D31_90("31-90"),
    D90_PLUS("90+"),
    UNKNOWN("unknown");

    private final String label;

    Segment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Not yet due (negative days) counts as 0-30; no due date and no days overdue is unknown. */
    public static Segment of(Integer daysOverdue) {
        if (daysOverdue == null) {
            return UNKNOWN;
        }
        if (daysOverdue <= 30) {
            return D0_30;
        }
        return daysOverdue <= 90 ? D31_90 : D90_PLUS;
    }
}
