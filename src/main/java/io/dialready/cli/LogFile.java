package io.dialready.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points logging at the command's --log-file before anything is logged. enrich's Spring context does this itself when
 * it starts (logging.file.name); the watch and resume commands log before and between runs, and without this their
 * first lines would go to logback.xml's default (logs/dialready.log of the working folder).
 */
final class LogFile {

    private LogFile() {}

    static void use(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        System.setProperty("LOG_FILE", path);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (Exception e) {
                System.err.println("dialready: cannot set up logging to " + path + ": " + e.getMessage());
            }
        }
    }
}
