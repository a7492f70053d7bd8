package io.dialready.domain;

/**
 * One phone number found in a raw value, either usable ({@link #valid()}) with its E.164 form, or not, with the reason.
 *
 * @param source        name of the phone source it came from (the spec's column, or "DDD1+FONE1")
 * @param raw           the raw text it was parsed from (one number's part of the cell, extension removed)
 * @param e164          E.164 form ("+5511987654321"), null when invalid
 * @param national      national significant digits ("11987654321"), null when invalid
 * @param type          line type, {@link PhoneType#UNKNOWN} when invalid
 * @param repair        what was repaired to make it valid ("ninth digit added", "carrier prefix 021 removed",
 *                      "trunk prefix 0 removed", joined with "; "), null when nothing was repaired
 * @param invalidReason why the value cannot be used, null when valid
 */
public record PhoneCandidate(
        String source, String raw, String e164, String national, PhoneType type, String repair, String invalidReason) {

    public boolean valid() {
        return invalidReason == null;
    }

    /**
     * Whether the number had to be repaired to be valid, for the report's repaired count. Outside Brazil a trunk prefix
     * alone ({@code 0} in India and the UK, {@code 8} in Russia) is how people write a number at home, not a mistake:
     * it is still noted in {@link #repair} but not counted (in a 500-row Indian book it made 364 of 746 "repaired").
     * In Brazil a {@code 0} before the DDD is a long-distance dial string and is counted.
     */
    public boolean repaired() {
        return repair != null
                && !(repair.matches("trunk prefix \\d+ removed") && e164 != null && !e164.startsWith("+55"));
    }

    public static PhoneCandidate invalid(String source, String raw, String reason) {
        return new PhoneCandidate(source, raw, null, null, PhoneType.UNKNOWN, null, reason);
    }
}
