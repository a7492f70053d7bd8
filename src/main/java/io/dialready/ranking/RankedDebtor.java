package io.dialready.ranking;

import java.util.List;

import io.dialready.lookup.WhatsAppStatus;
import io.dialready.source.DebtorRecord;

/** A debtor with its phones in dialing order, its segment and its priority (higher = call sooner). */
public record RankedDebtor(DebtorRecord debtor, List<RankedPhone> phones, Segment segment, int priority) {

    public boolean hasActiveWhatsApp() {
        return !phones.isEmpty() && phones.get(0).lookup().status() == WhatsAppStatus.ACTIVE;
    }
}
