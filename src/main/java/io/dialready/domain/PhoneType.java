package io.dialready.domain;

/** The kind of line a number is, as libphonenumber's metadata says. */
public enum PhoneType {
    MOBILE,
    FIXED_LINE,
    FIXED_LINE_OR_MOBILE,
    VOIP,
    TOLL_FREE,
    PREMIUM_RATE,
    SHARED_COST,
    PERSONAL_NUMBER,
    PAGER,
    UAN,
    VOICEMAIL,
    UNKNOWN;

    /** Numbers worth a WhatsApp lookup by default: anything that may be a mobile. */
    public boolean mayBeMobile() {
        return this == MOBILE || this == FIXED_LINE_OR_MOBILE;
    }
}
