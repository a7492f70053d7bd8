package io.dialready.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The mapping of a row's fields to a debtor record, and the amount parser. */
class DebtorMapperTest {

    @Test
    void amountsInBothConventions() {
        assertThat(DebtorMapper.parseAmount("1.234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("R$ 1.234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("1,234.56", '.')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("-12,5", ',')).isEqualByComparingTo(new BigDecimal("-12.5"));
        assertThat(DebtorMapper.parseAmount("12500.00", '.')).isEqualByComparingTo("12500");
        assertThat(DebtorMapper.parseAmount("abc", ',')).isNull();
        assertThat(DebtorMapper.parseAmount("12abc", ',')).isNull();
    }
}
