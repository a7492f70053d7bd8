package io.dialready.bench;

import io.dialready.db.DataSources;
import io.dialready.db.Identifiers;
import io.dialready.source.SourceRow;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.source.csv.CsvFormat;
import io.dialready.source.csv.CsvFormatDetector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Locale;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Loads a portfolio CSV (as scripts/gen-portfolio.sh writes it) into a database table, for the jdbc benchmark and
 * tests: the table is dropped and created as {@code id BIGINT PRIMARY KEY} (the row's line number in the file, so the
 * rejects of a jdbc run and of the CSV run name the same numbers) plus one VARCHAR(255) column per header column,
 * values as they stand in the file. Malformed rows (wrong field count) are left out and counted.
 * <p>
 * {@code PortfolioLoader --input FILE --url JDBC_URL --table NAME [--user U]} (password from DIALREADY_DATABASE_PASSWORD)
 */
public final class PortfolioLoader {

    private PortfolioLoader() {}

    /**
     * Benchmark helpers: {@code --drop URL USER TABLE...} drops the tables and the job repository's (a cold start),
     * {@code --count URL USER TABLE...} prints their row counts, {@code --version URL USER} the server's version.
     */
    private static void tables(String[] args) throws SQLException {
        try (Connection c = DataSources.connect(args[1], args[2], System.getenv("DIALREADY_DATABASE_PASSWORD"));
                Statement s = c.createStatement()) {
            if (args[0].equals("--version")) {
                System.out.println(c.getMetaData().getDatabaseProductVersion());
                return;
            }
            StringBuilder out = new StringBuilder();
            java.util.List<String> tables =
                    new java.util.ArrayList<>(java.util.List.of(args).subList(3, args.length));
            if (args[0].equals("--drop")) {
                tables.addAll(java.util.List.of(
                        "BATCH_STEP_EXECUTION_CONTEXT",
                        "BATCH_JOB_EXECUTION_CONTEXT",
                        "BATCH_STEP_EXECUTION",
                        "BATCH_JOB_EXECUTION_PARAMS",
                        "BATCH_JOB_EXECUTION",
                        "BATCH_JOB_INSTANCE",
                        "BATCH_STEP_EXECUTION_SEQ",
                        "BATCH_JOB_EXECUTION_SEQ",
                        "BATCH_JOB_INSTANCE_SEQ",
                        "flyway_schema_history"));
            }
            for (String t : tables) {
                Identifiers.table(t);
                if (args[0].equals("--drop")) {
                    s.execute("DROP TABLE IF EXISTS " + t);
                } else {
                    try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                        rs.next();
                        out.append(out.isEmpty() ? "" : ", ")
                                .append(t)
                                .append(' ')
                                .append(rs.getLong(1))
                                .append(" rows");
                    }
                }
            }
            if (!out.isEmpty()) {
                System.out.println(out);
            }
        }
    }

    /** What was loaded. */
    public record Loaded(long rows, long skipped) {}

    public static Loaded load(Path csv, Connection c, String table) throws SQLException {
        Identifiers.table(table);
        CsvFormat format = new CsvFormatDetector().detect(csv, null, null);
        CsvDebtorReader reader = new CsvDebtorReader(csv, format);
        reader.open(new ExecutionContext());
        try {
            String[] header = reader.header();
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY");
            for (String h : header) {
                ddl.append(", ").append(Identifiers.column(h.strip())).append(" VARCHAR(255)");
            }
            ddl.append(")");
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute(ddl.toString());
            }
            String insert = "INSERT INTO " + table + " VALUES (?, "
                    + String.join(", ", Collections.nCopies(header.length, "?")) + ")";
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            long rows = 0;
            long skipped = 0;
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                int batch = 0;
                for (SourceRow row; (row = reader.read()) != null; ) {
                    if (row.malformed()) {
                        skipped++;
                        continue;
                    }
                    ps.setLong(1, row.line());
                    for (int i = 0; i < header.length; i++) {
                        String v = i < row.fields().length ? row.fields()[i] : null;
                        ps.setString(i + 2, v == null || v.isEmpty() ? null : v);
                    }
                    ps.addBatch();
                    rows++;
                    if (++batch == 2000) {
                        ps.executeBatch();
                        c.commit();
                        batch = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
            return new Loaded(rows, skipped);
        } finally {
            reader.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3
                && (args[0].equals("--drop") || args[0].equals("--count") || args[0].equals("--version"))) {
            tables(args);
            return;
        }
        String input = null;
        String url = null;
        String table = null;
        String user = "root";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--input" -> input = args[i + 1];
                case "--url" -> url = args[i + 1];
                case "--table" -> table = args[i + 1];
                case "--user" -> user = args[i + 1];
                default -> {
                    System.err.println("portfolio-loader: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (input == null || url == null || table == null) {
            System.err.println("usage: PortfolioLoader --input FILE --url JDBC_URL --table NAME [--user U]");
            System.exit(2);
        }
        long start = System.nanoTime();
        try (Connection c = DataSources.connect(url, user, System.getenv("DIALREADY_DATABASE_PASSWORD"))) {
            Loaded l = load(Path.of(input), c, table);
            System.out.printf(
                    Locale.ROOT,
                    "loaded rows=%d skipped=%d table=%s seconds=%.1f%n",
                    l.rows(),
                    l.skipped(),
                    table,
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
