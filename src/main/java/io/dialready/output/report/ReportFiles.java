package io.dialready.output.report;

import io.dialready.output.files.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's report.json and its HTML page (both private files, under the names given: the ".part" ones). */
public final class ReportFiles {

    private ReportFiles() {}

    public static void write(RunReport report, Path json, Path html) {
        try {
            OutputFiles.createPrivate(json);
            Files.writeString(json, report.toJson() + "\n");
            OutputFiles.createPrivate(html);
            Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }
}
