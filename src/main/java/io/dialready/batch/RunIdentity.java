package io.dialready.batch;

import io.dialready.spec.JobSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What makes two attempts the same run, as job parameters: the spec (path, and the hash of its content and of the
 * files it names), the input (path, size and modification time; for a database, its URL without password and the
 * table or query), the output folder and dry-run. {@link EnrichRunner} writes them and restarts the unfinished run
 * with the same identity; {@code run/UnfinishedRuns} reads them back to find what {@code dialready resume} resumes.
 * The names are stored in job repositories that outlive a version: never rename one.
 *
 * @param inputSize  null for a database input (it has no size or modification time)
 */
public record RunIdentity(
        String spec, String specSha256, String input, Long inputSize, Long inputMtime, String output, boolean dryRun) {

    public static final String SPEC = "spec";
    public static final String SPEC_SHA256 = "spec_sha256";
    public static final String INPUT = "input";
    public static final String INPUT_SIZE = "input_size";
    public static final String INPUT_MTIME = "input_mtime";
    public static final String OUTPUT = "output";
    public static final String DRY_RUN = "dry_run";
    /** Not part of the identity: the start time that makes each fresh start a job instance of its own. */
    public static final String STARTED = "run";

    /** The identity of the run a plan describes; reads the spec, the files it names and the input's attributes. */
    public static RunIdentity of(RunPlan plan) throws IOException {
        JobSpec.Jdbc jdbc = plan.spec().input().jdbc();
        String spec = plan.spec().specFile().toString();
        String output = plan.outputs().dir().toString();
        if (jdbc != null) {
            // a database has no size or modification time: the URL (without password) and the table or query
            return new RunIdentity(
                    spec, specSha256(plan.spec()), truncate(jdbc.describe()), null, null, output, plan.dryRun());
        }
        return new RunIdentity(
                spec,
                specSha256(plan.spec()),
                plan.input().toString(),
                Files.size(plan.input()),
                Files.getLastModifiedTime(plan.input()).toMillis(),
                output,
                plan.dryRun());
    }

    /** The identity a past run recorded; a value it did not record is null. */
    public static RunIdentity of(JobParameters params) {
        return new RunIdentity(
                params.getString(SPEC),
                params.getString(SPEC_SHA256),
                params.getString(INPUT),
                params.getLong(INPUT_SIZE),
                params.getLong(INPUT_MTIME),
                params.getString(OUTPUT),
                "true".equals(params.getString(DRY_RUN)));
    }

    /** The identifying job parameters, as every version so far has written them. */
    public JobParameters toJobParameters() {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString(SPEC, spec)
                .addString(SPEC_SHA256, specSha256)
                .addString(INPUT, input);
        if (inputSize != null) {
            b.addLong(INPUT_SIZE, inputSize).addLong(INPUT_MTIME, inputMtime);
        }
        return b.addString(OUTPUT, output)
                .addString(DRY_RUN, Boolean.toString(dryRun))
                .toJobParameters();
    }

    /** A run that read a database table or query (input.jdbc): its input has no size or time to compare. */
    public boolean databaseInput() {
        return input != null && inputSize == null;
    }

    /** Whether a past run's parameters hold every value of this identity (its extra keys aside). */
    public boolean matches(JobParameters past) {
        for (JobParameter<?> wanted : toJobParameters().parameters()) {
            JobParameter<?> had = past.getParameter(wanted.name());
            if (had == null || !Objects.equals(had.value(), wanted.value())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The spec's hash, and with it the files it names (calling rules, suppression lists): editing any of them between a
     * crash and the next attempt starts a fresh run rather than mixing old and new rules in one set of files.
     */
    private static String specSha256(JobSpec spec) throws IOException {
        List<Path> referenced = new ArrayList<>();
        if (spec.callingRules() != null) {
            referenced.add(spec.callingRules());
        }
        if (spec.callingHolidays() != null) {
            referenced.add(spec.callingHolidays());
        }
        if (spec.suppression() != null) {
            referenced.addAll(spec.suppression().doNotCall());
            referenced.addAll(spec.suppression().debtorKeys());
        }
        if (referenced.isEmpty()) {
            return sha256(Files.readAllBytes(spec.specFile()));
        }
        MessageDigest digest = sha256();
        digest.update(Files.readAllBytes(spec.specFile()));
        byte[] buffer = new byte[65536];
        for (Path file : referenced) {
            try (var in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Job parameter values are at most 2500 characters in the job repository; a long query is hashed in. */
    private static String truncate(String value) {
        return value.length() <= 2000
                ? value
                : value.substring(0, 1900) + " sha256:" + sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
