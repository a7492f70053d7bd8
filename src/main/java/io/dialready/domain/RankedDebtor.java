package io.dialready.domain;

import java.util.List;

/** A debtor with its phones in dialing order, its segment and its priority (higher = call sooner). */
public record RankedDebtor(DebtorRecord debtor, List<RankedPhone> phones, Segment segment, int priority) {

    public boolean hasActiveWhatsApp() {
        return !phones.isEmpty() && phones.get(0).lookup().status() == WhatsAppStatus.ACTIVE;
    }
}
