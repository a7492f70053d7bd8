package io.dialready.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What VICIdial's command-line loader, {@code bin/VICIDIAL_IN_new_leads_file.pl} (version 2.12, 220211-0924, svn
 * r3884, mirrored at github.com/ccabrerar/vicidial), takes from one line of a lead file in its {@code standard} and
 * {@code stdrankowner} formats, step by step as its source does it (line numbers of that file). A test fake of the
 * loader's reading, built from its source, not from dialready's docs.
 */
final class VicidialCommandLineLoader {

    private VicidialCommandLineLoader() {}

    /** The fields the loader would insert into {@code vicidial_list} for a line; {@code format} as its --format. */
    static Map<String, String> read(String line, String format) {
        String number = line;
        number = number.replace("\t", "|"); // line 786: tabs are field separators too
        // line 787 (s/|\t|\r|\n|\l//gi) removes nothing: its first alternative is empty
        for (int commas = 7; commas >= 1; commas--) { // lines 788-794: "," runs between quotes become pipes
            number = number.replace("\"" + ",".repeat(commas) + "\"", "|".repeat(commas));
        }
        number = number.replace("\"", ""); // line 795: every double quote is dropped
        String[] m = number.split("\\|", -1); // line 796 (a missing field reads as empty)
        Map<String, String> f = new LinkedHashMap<>();
        String[] names = {
            "vendor_lead_code",
            "source_id",
            "list_id",
            "phone_code",
            "phone_number",
            "title",
            "first_name",
            "middle_initial",
            "last_name",
            "address1",
            "address2",
            "address3",
            "city",
            "state",
            "province",
            "postal_code",
            "country",
            "gender",
            "date_of_birth",
            "alt_phone",
            "email",
            "security_phrase",
            "comments"
        };
        for (int i = 0; i < names.length; i++) { // lines 1423-1444 (stdrankowner), 2116-2137 (standard)
            f.put(names[i], field(m, i));
        }
        f.put("phone_code", f.get("phone_code").replaceAll("\\D", ""));
        f.put("phone_number", f.get("phone_number").replaceAll("\\D", ""));
        f.put("alt_phone", f.get("alt_phone").replaceAll("\\D", ""));
        String calledCount = field(m, 23).replaceAll("\\D|\\r|\\n|\\t", ""); // lines 1445 / 2138
        f.put("called_count", calledCount.isEmpty() ? "0" : calledCount);
        String status = field(m, 24).replaceAll(" |\\r|\\n|\\t", ""); // lines 1446 / 2139
        f.put("status", status.isEmpty() ? "NEW" : status);
        String entryDate = field(m, 25).replaceAll("\\r|\\n|\\t|[a-zA-Z]", ""); // lines 1447 / 2140
        f.put("entry_date", entryDate.length() < 6 ? "(load time)" : entryDate);
        String rank = "";
        String owner = ""; // lines 774-775: both empty unless the format reads them
        if (format.equals("stdrankowner")) {
            rank = field(m, 26); // line 1455
            owner = field(m, 27); // line 1456
            f.put("multi-alt-entries", field(m, 28)); // line 1457
        } else {
            f.put("multi-alt-entries", field(m, 26)); // line 2148
        }
        f.put("rank", rank.isEmpty() ? "0" : rank); // line 2178
        f.put("owner", owner);
        return f;
    }

    private static String field(String[] m, int i) {
        return i < m.length ? m[i] : "";
    }
}
