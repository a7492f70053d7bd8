package io.dialready.output.dialer;

import io.dialready.domain.PhoneType;
import io.dialready.domain.RankedPhone;
import io.dialready.phone.PhoneTimeZones;
import java.util.ArrayList;
import java.util.List;

/**
 * A Genesys Cloud contact's phone columns: {@code cell1..cellN} (mobiles) then {@code home1..homeN} (every other
 * type), each in rank order with its IANA time zone (the column's callable-time column) and, with calling rules, its
 * rule region ({@code BR-RJ}) for a pre-call rule set to key on.
 */
final class GenesysPhones {

    private GenesysPhones() {}

    /** Appends the phone columns of a contact to {@code f}; {@code regions}: add the {@code <col>_region} columns. */
    static void columns(List<RankedPhone> phones, int n, PhoneTimeZones zones, boolean regions, List<String> f) {
        List<RankedPhone> cells = new ArrayList<>();
        List<RankedPhone> homes = new ArrayList<>();
        for (RankedPhone p : phones) {
            PhoneType t = p.phone().type();
            (t == PhoneType.MOBILE || t == PhoneType.FIXED_LINE_OR_MOBILE ? cells : homes).add(p);
        }
        for (List<RankedPhone> kind : List.of(cells, homes)) {
            for (int i = 0; i < n; i++) {
                if (i < kind.size()) {
                    String e164 = kind.get(i).phone().e164();
                    PhoneTimeZones.Zone z = zones.of(e164);
                    f.add(e164);
                    f.add(z.timeZone() == null ? "" : z.timeZone());
                    if (regions) {
                        f.add(ruleRegion(z));
                    }
                } else {
                    f.add("");
                    f.add("");
                    if (regions) {
                        f.add("");
                    }
                }
            }
        }
    }

    /**
     * The region a Genesys rule set keys on: {@code BR-RJ} for a Brazilian state, the country ({@code IN}) elsewhere,
     * empty when unknown.
     */
    static String ruleRegion(PhoneTimeZones.Zone z) {
        if (z.region() == null) {
            return "";
        }
        return z.state() == null ? z.region() : z.region() + "-" + z.state();
    }
}
