package io.dialready.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs dialready in a JVM of its own, for the tests that must kill a run, bound its heap, set
 * its umask or read its whole log: this JVM's java and class path, then the given JVM options, the main class and the
 * command's arguments.
 */
final class ChildJvm {

    /** The java executable running the tests. */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private ChildJvm() {}

    /** {@code dialready args...} with a heap of {@code heap} (e.g. "256m"). */
    static List<String> dialready(String heap, String... args) {
        return dialready(List.of("-Xmx" + heap), args);
    }

    /** {@code dialready args...} with these JVM options (which should bound the heap). */
    static List<String> dialready(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.dialready.DialreadyApplication");
        command.addAll(List.of(args));
        return command;
    }
}
