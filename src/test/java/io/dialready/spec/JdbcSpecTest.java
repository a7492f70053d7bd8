package io.dialready.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input.jdbc and output.jdbc keys: what is accepted, and that no unchecked name or password gets through. */
class JdbcSpecTest {

    @TempDir
    Path dir;

    private JobSpec parse(String input, String output) {
        return new JobSpecLoader().parse("""
                country: BR
                input:
                %s
                columns:
                  key: CONTRATO
                phones:
                  - column: TELEFONE
                %s
                """.formatted(input, output), dir.resolve("job.yml"));
    }

    private static String jdbc(String body) {
        return "  jdbc:\n    url: jdbc:mysql://127.0.0.1:3306/cobranca\n"
                + body.indent(4).stripTrailing();
    }

    @Test
    void aTableSourceWithResultsDefaultingToItsConnection() {
        JobSpec spec = parse(
                jdbc("user: app\ntable: crm.carteira\nkey_column: id"),
                "output:\n  jdbc:\n    phones_table: wa_phones");
        JobSpec.Jdbc in = spec.input().jdbc();
        assertThat(in.table()).isEqualTo("crm.carteira");
        assertThat(in.keyColumn()).isEqualTo("id");
        assertThat(in.pageSize()).isEqualTo(1000);
        assertThat(in.connection().user()).isEqualTo("app");
        assertThat(in.connection().password()).isEmpty();
        assertThat(in.describe()).isEqualTo("jdbc:mysql://127.0.0.1:3306/cobranca table crm.carteira");
        JobSpec.JdbcOutput out = spec.output().jdbc();
        assertThat(out.connection()).isEqualTo(in.connection());
        assertThat(out.phonesTable()).isEqualTo("wa_phones");
        assertThat(out.debtorsTable()).isEqualTo("dialready_debtors");
    }

    @Test
    void aQueryLosesItsTrailingSemicolon() {
        JobSpec spec = parse(jdbc("query: \"SELECT * FROM carteira WHERE aberto = 1;\"\nkey_column: id"), "");
        assertThat(spec.input().jdbc().query()).isEqualTo("SELECT * FROM carteira WHERE aberto = 1");
    }

    @Test
    void namesThatAreNotPlainIdentifiersNeverReachSql() {
        assertThatThrownBy(() -> parse(jdbc("table: \"carteira; DROP TABLE x\"\nkey_column: id"), ""))
                .hasMessageContaining("'input.jdbc.table'")
                .hasMessageContaining("letters, digits and underscores");
        assertThatThrownBy(() -> parse(jdbc("table: carteira\nkey_column: \"id` OR 1=1\""), ""))
                .hasMessageContaining("'input.jdbc.key_column'");
        assertThatThrownBy(() ->
                        parse(jdbc("table: carteira\nkey_column: id"), "output:\n  jdbc:\n    debtors_table: a.b.c"))
                .hasMessageContaining("'output.jdbc.debtors_table'");
        assertThatThrownBy(() -> parse(jdbc("query: \"SELECT 1; DELETE FROM carteira\"\nkey_column: id"), ""))
                .hasMessageContaining("'input.jdbc.query' must be one SELECT statement");
        assertThatThrownBy(() -> parse(jdbc("query: \"DELETE FROM carteira\"\nkey_column: id"), ""))
                .hasMessageContaining("'input.jdbc.query' must be one SELECT statement");
    }

    @Test
    void tableAndQueryExactlyOneAndAKeyColumn() {
        assertThatThrownBy(() -> parse(jdbc("key_column: id"), ""))
                .hasMessageContaining("'input.jdbc' must have either 'table' or 'query'");
        assertThatThrownBy(() -> parse(jdbc("table: t\nquery: SELECT 1\nkey_column: id"), ""))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> parse(jdbc("table: t"), ""))
                .hasMessageContaining("'input.jdbc.key_column' is required");
        assertThatThrownBy(() -> parse("  path: x.csv\n" + jdbc("table: t\nkey_column: id"), ""))
                .hasMessageContaining("leave out input.path");
    }

    @Test
    void passwordsComeFromTheEnvironmentOnly() {
        assertThatThrownBy(() -> parse(
                        "  jdbc:\n    url: jdbc:mysql://app:s3cret@db:3306/cobranca\n    table: t\n    key_column: id",
                        ""))
                .hasMessageContaining("must not hold a password")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> parse(
                        "  jdbc:\n    url: jdbc:mysql://db:3306/cobranca?password=s3cret\n    table: t\n    key_column: id",
                        ""))
                .hasMessageContaining("must not hold a password")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(
                        () -> parse(jdbc("password_env: DIALREADY_TEST_SURELY_UNSET_42\ntable: t\nkey_column: id"), ""))
                .hasMessageContaining("DIALREADY_TEST_SURELY_UNSET_42, which is not set");
        // a variable that is set: PATH is always there
        JobSpec spec = parse(jdbc("password_env: PATH\ntable: t\nkey_column: id"), "");
        assertThat(spec.input().jdbc().connection().password()).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void anUnsupportedDatabaseIsASpecError() {
        assertThatThrownBy(
                        () -> parse("  jdbc:\n    url: jdbc:postgresql://db/x\n    table: t\n    key_column: id", ""))
                .hasMessageContaining("'input.jdbc.url' must be a MySQL/MariaDB JDBC URL");
    }

    @Test
    void resultsFromAFileSourceNeedTheirOwnUrl() {
        assertThatThrownBy(() -> parse("  path: x.csv", "output:\n  jdbc:\n    phones_table: p"))
                .hasMessageContaining("'output.jdbc.url' is required");
    }
}
