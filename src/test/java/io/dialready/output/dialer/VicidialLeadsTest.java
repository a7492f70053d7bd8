package io.dialready.output.dialer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VicidialLeadsTest {

    @Test
    void safeFormDropsWhatTheLoadersDropAndGuardsFormulasWithABackslash() {
        // admin_listloader_fourth_gen.php line 216: $field_regx = "[\"`\\;]"; sheet2tab.pl scrub_lead_field
        assertThat(VicidialLeads.safe("JOÃO \"JJ\"; O`BRIEN \\ FILHO", true)).isEqualTo("JOÃO JJ OBRIEN  FILHO");
        // tabs, line breaks and pipes are field separators to the loaders
        assertThat(VicidialLeads.safe("A|B\tC\r\nD", true)).isEqualTo("A B C D");
        for (String formula : new String[] {"=1+1", "+5511", "-50", "@SUM"}) {
            assertThat(VicidialLeads.safe(formula, true)).isEqualTo("\\" + formula);
            assertThat(VicidialLeads.safe(formula, false)).isEqualTo(formula);
        }
        // a leading tab becomes a space: no longer a formula start, no guard needed
        assertThat(VicidialLeads.safe("\t=1", true)).isEqualTo(" =1");
        // a quote is kept by VICIdial, so it is never added
        assertThat(VicidialLeads.safe("'=1", true)).isEqualTo("'=1");
        assertThat(VicidialLeads.safe(null, true)).isEmpty();
    }

    @Test
    void theTwoLayouts() {
        assertThat(VicidialLeads.WEB_FIELDS).hasSize(25).endsWith("comments", "rank", "owner");
        // VICIDIAL_IN_new_leads_file.pl --help, stdrankowner (lines 208-210)
        assertThat(VicidialLeads.STDRANKOWNER_FIELDS)
                .hasSize(29)
                .endsWith("comments", "called_count", "status", "entry_date", "rank", "owner", "multi-alt-entries");
        assertThat(VicidialLeads.STDRANKOWNER_FIELDS.indexOf("rank")).isEqualTo(26);
        assertThat(VicidialLeads.STDRANKOWNER_FIELDS.indexOf("owner")).isEqualTo(27);
        String[] f = new String[25];
        java.util.Arrays.fill(f, "");
        f[0] = "K";
        f[23] = "1300";
        f[24] = "BRT";
        assertThat(VicidialLeads.pipeLine(new VicidialLeads.Lead(f))).isEqualTo("K||||||||||||||||||||||||||1300|BRT|");
    }
}
