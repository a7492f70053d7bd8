package io.dialready.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process for the lock tests: {@code hold FILE} takes the file's lock with the JDK's own FileChannel (not
 * through LockFile), prints "held" and keeps it until its stdin closes; {@code try FILE} prints "taken" or "refused".
 */
public final class LockHolder {

    public static void main(String[] args) throws Exception {
        try (FileChannel channel =
                        FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (args[0].equals("try")) {
                System.out.println(lock == null ? "refused" : "taken");
                return;
            }
            System.out.println(lock == null ? "refused" : "held");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine(); // until the test closes our stdin
        }
    }

    /** Starts {@code LockHolder hold file} in a JVM of its own and waits until it holds the lock. */
    static Process hold(Path file) throws IOException {
        Process p = start("hold", file);
        String first = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        if (!"held".equals(first)) {
            p.destroyForcibly();
            throw new IllegalStateException("the second process could not take the lock: " + first);
        }
        return p;
    }

    /** Whether another process can take the lock now: "taken" or "refused". */
    static String tryFromAnotherProcess(Path file) throws Exception {
        Process p = start("try", file);
        String answer = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        p.waitFor(30, TimeUnit.SECONDS);
        return answer;
    }

    private static Process start(String mode, Path file) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx32m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LockHolder.class.getName());
        command.add(mode);
        command.add(file.toString());
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
