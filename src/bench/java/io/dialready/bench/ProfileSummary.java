package io.dialready.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a run's CPU went, from a JDK Flight Recorder file: execution samples per thread, the hottest methods, and for
 * the job's main thread the share spent under each of a few landmarks (H2 storing pages at commit, the staging insert,
 * the writers). Used by {@code scripts/profile-csv.sh}; reads the recording with the JDK's own {@code jdk.jfr.consumer}.
 */
public final class ProfileSummary {

    /**
     * Frames to look for anywhere in a main-thread sample's stack (class simple name and method, so a class that moves
     * package is still found), and what to call them.
     */
    private static final Map<String, String> LANDMARKS = new LinkedHashMap<>();

    static {
        LANDMARKS.put("MVStore.commit", "H2 stores pages at commit (MVStore.commit)");
        LANDMARKS.put("MVMap.operate", "H2 inserts/updates a row (MVMap.operate)");
        LANDMARKS.put("DialerStaging.insert", "dialer staging insert");
        LANDMARKS.put("StagedDialerReader.read", "dialer file read from staging");
        LANDMARKS.put("DistinctCounter.add", "distinct-number counter");
        LANDMARKS.put("DebtorRanker.rank", "ranking");
        LANDMARKS.put("LookupService.lookup", "lookups (sandbox)");
        LANDMARKS.put("PrivateFileWriter.write", "file writes");
        LANDMARKS.put("SimpleJobRepository.update", "job repository updates");
    }

    private ProfileSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary RECORDING.jfr [TOP]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> selfTime = new HashMap<>();
        Map<String, Integer> landmarks = new HashMap<>();
        int total = 0;
        int main = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                total++;
                String thread = e.getThread("sampledThread") == null
                        ? "?"
                        : e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N");
                threads.merge(thread, 1, Integer::sum);
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    selfTime.merge(name(frames.get(0)), 1, Integer::sum);
                }
                if (thread.equals("main")) {
                    main++;
                    for (String landmark : LANDMARKS.keySet()) {
                        if (frames.stream().anyMatch(f -> name(f).endsWith("." + landmark))) {
                            landmarks.merge(landmark, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        System.out.printf("%d execution samples; per thread:%n", total);
        print(threads, total, top);
        System.out.printf("%nmain thread (%d samples), share under each landmark (a sample can count twice):%n", main);
        for (Map.Entry<String, String> l : LANDMARKS.entrySet()) {
            int n = landmarks.getOrDefault(l.getKey(), 0);
            System.out.printf("  %5.1f%%  %6d  %s%n", percent(n, main), n, l.getValue());
        }
        System.out.printf("%nhottest methods (self time, all threads):%n");
        print(selfTime, total, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(c -> System.out.printf(
                        "  %5.1f%%  %6d  %s%n", percent(c.getValue(), total), c.getValue(), c.getKey()));
    }

    private static double percent(int n, int of) {
        return of == 0 ? 0 : 100.0 * n / of;
    }
}
