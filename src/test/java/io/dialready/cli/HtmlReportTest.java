package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.output.report.HtmlReport;
import io.dialready.source.Portfolio;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run report for people ({@code <base>.report.html}): written beside the JSON by a real run, self-contained, its
 * figures and chart bars those of report.json, tolerant of fields it does not know; rendered with headless Chromium
 * when the machine has it.
 */
class HtmlReportTest {

    @TempDir
    Path dir;

    private Path run(String name) throws Exception {
        Files.write(dir.resolve("carteira.csv"), Portfolio.SEVEN_ROWS.getBytes(Portfolio.CP1252));
        Path spec = Files.writeString(dir.resolve("job.yml"), """
                name: "%s"
                country: BR
                input:
                  path: carteira.csv
                columns:
                  key: CONTRATO
                  amount: VALOR
                  due_date: VENCIMENTO
                phones:
                  - ddd: DDD1
                    number: FONE1
                  - ddd: DDD2
                    number: FONE2
                  - column: TELEFONES
                lookup:
                  sandbox:
                    active_share: 0.5
                run:
                  chunk_size: 2
                """.formatted(name));
        CliRun run = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("carteira.report.html");
        return dir.resolve("out");
    }

    private static String card(String html, String label) {
        Matcher m = Pattern.compile("<div class=\"label\">" + Pattern.quote(label)
                        + "</div><div class=\"value\">([^<]*)</div><div class=\"sub\">([^<]*)</div>")
                .matcher(html);
        assertThat(m.find()).as("card " + label).isTrue();
        return m.group(1) + " | " + m.group(2);
    }

    /** The chart's bars: row -> status -> count, read back from the SVG. */
    private static Map<String, Map<String, Integer>> bars(String html, String title) {
        int from = html.indexOf("<h2>" + title + "</h2>");
        assertThat(from).as(title).isPositive();
        String svg = html.substring(from, html.indexOf("</svg>", from));
        Map<String, Map<String, Integer>> bars = new LinkedHashMap<>();
        Matcher row = Pattern.compile("<g class=\"row\" data-row=\"([^\"]*)\" data-total=\"(\\d+)\">(.*?)</g>")
                .matcher(svg);
        while (row.find()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Matcher bar = Pattern.compile("data-status=\"(\\w+)\" data-count=\"(\\d+)\"")
                    .matcher(row.group(3));
            while (bar.find()) {
                counts.put(bar.group(1), Integer.parseInt(bar.group(2)));
            }
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum())
                    .as(row.group(1))
                    .isEqualTo(Integer.parseInt(row.group(2)));
            bars.put(row.group(1), counts);
        }
        return bars;
    }

    private static Map<String, Integer> nonZero(Object counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        EnrichCommandTest.map(counts).forEach((k, v) -> {
            if ((Integer) v > 0) {
                m.put(k, (Integer) v);
            }
        });
        return m;
    }

    @Test
    void aRunWritesASelfContainedPageWithTheReportsFigures() throws Exception {
        Path out = run("carteira <nov> & co");
        String html = Files.readString(out.resolve("carteira.report.html"));
        Map<?, ?> report = JsonMapper.shared()
                .readValue(out.resolve("carteira.report.json").toFile(), Map.class);

        // self-contained: nothing fetched at view time, no script
        assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "url(", "@import", "src=");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:");
        // the spec's name is text, not markup
        assertThat(html).contains("carteira &lt;nov&gt; &amp; co").doesNotContain("<nov>");
        assertThat(EnrichCommandTest.map(report.get("outputs")).get("report_html"))
                .isEqualTo(out.resolve("carteira.report.html").toString());

        // key figures, as report.json has them (5 debtors, 7 valid phones, 1 repaired... see EnrichCommandTest)
        assertThat(card(html, "Debtors")).isEqualTo("5 | 7 rows read, 2 rejected");
        assertThat(card(html, "Valid phones")).isEqualTo("7 | 7 distinct numbers");
        Map<String, Object> wa = EnrichCommandTest.map(report.get("whatsapp"));
        int active = (Integer) wa.get("ACTIVE");
        int answered = active + (Integer) wa.get("INACTIVE");
        assertThat(card(html, "Active WhatsApp share"))
                .isEqualTo(Math.round(100.0 * active / answered) + "% | " + active + " active of " + answered
                        + " answered; 0 unknown");
        int reachable = (Integer) report.get("debtors_with_active_whatsapp");
        assertThat(card(html, "Debtors reachable on WhatsApp")).startsWith(reachable + " | " + (reachable * 20) + "%");
        assertThat(card(html, "Repaired numbers")).startsWith(report.get("phones_repaired") + " | ");
        assertThat(card(html, "Invalid numbers")).startsWith("1 | ");
        assertThat(card(html, "Lookups used"))
                .isEqualTo("5 | 0 from cache (0%); " + report.get("provider_calls") + " provider calls");
        assertThat(card(html, "Duration")).matches("\\d+\\.\\d s \\| [0-9,]+ rows/s");

        // the charts draw exactly report.json's counts by segment x status and phone type x status
        Map<String, Object> bySegment = EnrichCommandTest.map(report.get("whatsapp_by_segment"));
        Map<String, Map<String, Integer>> segmentBars = bars(html, "WhatsApp status by segment");
        assertThat(segmentBars.keySet()).containsExactly("0-30 days", "31-90 days", "over 90 days", "unknown age");
        assertThat(segmentBars.get("0-30 days")).isEqualTo(nonZero(bySegment.get("0-30")));
        assertThat(segmentBars.get("31-90 days")).isEqualTo(nonZero(bySegment.get("31-90")));
        assertThat(segmentBars.get("over 90 days")).isEqualTo(nonZero(bySegment.get("90+")));
        assertThat(segmentBars.get("unknown age")).isEqualTo(nonZero(bySegment.get("unknown")));
        Map<String, Map<String, Integer>> typeBars = bars(html, "WhatsApp status by phone type");
        assertThat(typeBars.get("FIXED_LINE")).isEqualTo(Map.of("SKIPPED", 2));
        assertThat(typeBars.get("MOBILE").values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(5);

        // and those counts add up to the run's totals: every dialer row counted once in each chart
        int dialerRows = (Integer) report.get("phones_valid");
        assertThat(segmentBars.values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(dialerRows);
        assertThat(typeBars.values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(dialerRows);
        for (String status : List.of("ACTIVE", "INACTIVE", "SKIPPED")) {
            assertThat(segmentBars.values().stream()
                            .mapToInt(m -> m.getOrDefault(status, 0))
                            .sum())
                    .as(status)
                    .isEqualTo(wa.get(status));
        }
    }

    @Test
    void theLookupEnginesFiguresAndEveryAccountAreShown() throws Exception {
        String json;
        try (var in = HtmlReportTest.class.getResourceAsStream("/report/engine.report.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String html = HtmlReport.render(io.dialready.output.report.RunReport.fromJson(json));
        assertThat(card(html, "Lookups used"))
                .isEqualTo("41,099 | 0 from cache (0%); 63,468 provider calls; 0 retries; throttled 0.3 s");
        assertThat(html)
                .contains("<h2>Provider accounts</h2>")
                .contains("<td>acc-1</td>")
                .contains("<th>quota_used_this_run</th>");
        // every figure of report.json is listed, nested ones flattened
        assertThat(html).contains("<tr><th>whatsapp_by_segment.90+.SKIPPED</th><td>");
        assertThat(card(html, "Valid phones")).startsWith("50,712 | ");
    }

    /** Looks at the page as a person would: rendered by headless Chromium (when installed) to a PNG. */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Chromium not installed (apt-get install -y chromium)");
        Path out = run("demo");
        Path png = dir.resolve("report.png");
        Process p = new ProcessBuilder(
                        "bash",
                        "scripts/render-report.sh",
                        out.resolve("carteira.report.html").toString(),
                        png.toString(),
                        "1200x1400")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("render.txt").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(Files.readString(dir.resolve("render.txt")))
                .isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(1400);
        // the charts were drawn: pixels of the ACTIVE green and of the SKIPPED grey
        assertThat(countColour(image, 0x1f9d55)).isGreaterThan(500);
        assertThat(countColour(image, 0xd3d9df)).isGreaterThan(500);
    }

    private static int countColour(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
