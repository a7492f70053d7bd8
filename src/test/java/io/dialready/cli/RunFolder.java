package io.dialready.cli;

import io.dialready.spec.JobSpecBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One test's folder as the enrich command line uses it: the spec ({@code job.yml}) and input beside each other, the
 * outputs in {@code out/}, the job repository in {@code data/}, the log in {@code log.txt}. Runs enrich in this JVM
 * with those folders and reads back what it wrote.
 */
final class RunFolder {

    /** The date days overdue are counted to, unless a test says otherwise. */
    static final String AS_OF = "2026-11-23";

    final Path dir;

    RunFolder(Path dir) {
        this.dir = dir;
    }

    Path out() {
        return dir.resolve("out");
    }

    Path data() {
        return dir.resolve("data");
    }

    Path log() {
        return dir.resolve("log.txt");
    }

    /** Writes the spec as {@code job.yml}. */
    Path spec(JobSpecBuilder spec) {
        return spec.writeTo(dir.resolve("job.yml"));
    }

    /** Writes an input file (UTF-8). */
    Path input(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code enrich --job SPEC --output out --data data --log-file log.txt --as-of 2026-11-23 --quiet EXTRA...} */
    CliRun enrich(Path spec, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out().toString(),
                "--data",
                data().toString(),
                "--log-file",
                log().toString(),
                "--as-of",
                AS_OF,
                "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** An output file's text (UTF-8), by its name in out/. */
    String read(String name) {
        try {
            return Files.readString(out().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report of the input whose outputs are named {@code base} ({@code out/<base>.report.json}). */
    Map<?, ?> report(String base) {
        return report(out().resolve(base + ".report.json"));
    }

    static Map<?, ?> report(Path file) {
        return JsonMapper.shared().readValue(file.toFile(), Map.class);
    }

    /** The names of the files in out/. */
    List<String> outputs() {
        try (var files = Files.list(out())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(".dialready.lock"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
