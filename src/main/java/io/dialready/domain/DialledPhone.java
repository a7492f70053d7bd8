package io.dialready.domain;

/**
 * A ranked phone with what the outputs add to it, worked out once for every output.
 *
 * @param window   its time zone and calling windows; null without calling rules
 * @param sharedBy how many debtors hold the number (1: only this one); null without shared_numbers
 * @param hasPhoto whether its WhatsApp account shows a profile photo; null when not fetched or not active
 * @param photoUrl the photo's address when {@code hasPhoto} is known, else null
 */
public record DialledPhone(
        RankedPhone ranked, CallingWindow window, Integer sharedBy, Boolean hasPhoto, String photoUrl) {

    public String e164() {
        return ranked.phone().e164();
    }
}
