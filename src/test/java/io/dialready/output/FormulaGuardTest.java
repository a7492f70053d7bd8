package io.dialready.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormulaGuardTest {

    @Test
    void prefixesOnlyValuesThatStartAFormula() {
        FormulaGuard g = FormulaGuard.ON;
        assertThat(g.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(g.cell("+55 11 98765-4321")).isEqualTo("'+55 11 98765-4321");
        assertThat(g.cell("-10,00")).isEqualTo("'-10,00");
        assertThat(g.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(g.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(g.cell("\r=1")).isEqualTo("'\r=1");
        assertThat(g.cell("JOSÉ = 1")).isEqualTo("JOSÉ = 1");
        assertThat(g.cell("'=already")).isEqualTo("'=already");
        assertThat(g.cell("")).isEmpty();
        assertThat(g.cell(null)).isNull();
        String[] plain = {"A", "B"};
        assertThat(g.cells(plain)).isSameAs(plain);
        assertThat(g.cells(new String[] {"A", "=B"})).containsExactly("A", "'=B");
    }

    @Test
    void offLeavesEverythingRaw() {
        assertThat(FormulaGuard.OFF.cell("=1+1")).isEqualTo("=1+1");
        assertThat(FormulaGuard.OFF.cells(new String[] {"=B"})).containsExactly("=B");
    }
}
