import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Does H2 keep a committed transaction whole when the process is killed (SIGKILL)? A child process commits, in a loop,
 * one transaction of 200 rows inserted into table A plus a counter updated in table B (the shape of a dialready chunk:
 * staged rows plus the step's saved position). The parent kills the child at a random moment, reopens the database and
 * checks that A holds exactly counter x 200 rows; an inconsistent database is reported and reset, a database that cannot be
 * opened any more is reported and deleted. Run by
 * scripts/h2-kill-consistency.sh.
 */
public class H2KillConsistency {

    public static void main(String[] a) throws Exception {
        if (a[0].equals("child")) {
            child(a[1]);
            return;
        }
        String url = a[1];
        int rounds = Integer.parseInt(a[2]);
        Random r = new Random(Long.parseLong(a[3]));
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String self = a[4];
        int bad = 0;
        int corrupt = 0;
        for (int i = 0; i < rounds; i++) {
            Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), self, "child", url)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread.sleep(600 + r.nextInt(1500));
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Connection c;
            try {
                c = DriverManager.getConnection(url, "sa", "");
            } catch (java.sql.SQLException e) {
                corrupt++;
                System.out.println("round " + i + ": CANNOT OPEN: "
                        + e.getMessage().lines().findFirst().orElse("") + " / "
                        + (e.getCause() == null ? "" : e.getCause().getMessage()));
                String file = url.substring("jdbc:h2:file:".length()).split(";")[0];
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file + ".mv.db"));
                continue;
            }
            try (c) {
                Statement s = c.createStatement();
                s.execute("CREATE TABLE IF NOT EXISTS B (id INT PRIMARY KEY, n BIGINT, ctx VARCHAR(2500))");
                s.execute("CREATE TABLE IF NOT EXISTS A (k BIGINT PRIMARY KEY, v VARCHAR(400))");
                ResultSet rs = s.executeQuery("SELECT n FROM B WHERE id = 1");
                long n = rs.next() ? rs.getLong(1) : 0;
                rs = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(k), -1) FROM A");
                rs.next();
                long count = rs.getLong(1);
                long max = rs.getLong(2);
                if (count != n * 200 || max != n * 200 - 1) {
                    bad++;
                    System.out.println("round " + i + ": INCONSISTENT: counter " + n + " (" + n * 200
                            + " rows) but A holds " + count + " rows, the last " + max);
                    s.execute("DELETE FROM A");
                    s.execute("DELETE FROM B");
                }
            }
        }
        System.out.println(url + ": " + rounds + " kills, " + bad + " inconsistent, " + corrupt
                + " could not be opened (corrupt)");
    }

    static void child(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            s.execute("CREATE TABLE IF NOT EXISTS B (id INT PRIMARY KEY, n BIGINT, ctx VARCHAR(2500))");
            s.execute("CREATE TABLE IF NOT EXISTS A (k BIGINT PRIMARY KEY, v VARCHAR(400))");
            c.commit();
            ResultSet rs = s.executeQuery("SELECT n FROM B WHERE id = 1");
            long n = rs.next() ? rs.getLong(1) : 0;
            PreparedStatement ins = c.prepareStatement("INSERT INTO A VALUES (?, ?)");
            PreparedStatement upd = c.prepareStatement("MERGE INTO B KEY (id) VALUES (1, ?, ?)");
            String pad = "x".repeat(150);
            while (true) {
                for (int i = 0; i < 200; i++) {
                    ins.setLong(1, n * 200 + i);
                    ins.setString(2, pad + i);
                    ins.addBatch();
                }
                ins.executeBatch();
                upd.setLong(1, n + 1);
                upd.setString(2, "{\"csv.records.read\":" + (n + 1) * 200 + "}");
                upd.executeUpdate();
                c.commit();
                n++;
            }
        }
    }
}
