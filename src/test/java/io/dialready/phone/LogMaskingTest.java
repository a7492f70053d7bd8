package io.dialready.phone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The log's safety net: phone-like numbers masked in messages and stack traces, dates and short numbers kept. */
class LogMaskingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = "=>", textBlock = """
            lookup failed for +5511987654321                => lookup failed for +5511*****4321
            'row 12: (11) 98765-4321 rejected'              => 'row 12: (11*****4321 rejected'
            'duplicate key 11.98765.4321'                   => 'duplicate key 11*****4321'
            'cpf 123.456.789-09 in row 7'                   => 'cpf 12*****8909 in row 7'
            'two: +5511987654321, +919876543210'            => 'two: +5511*****4321, +9198****3210'
            '12345678'                                      => '****5678'
            'took 1234567 ms'                               => 'took 1234567 ms'
            'at 2026-11-23 10:15:02.123 row 4'              => 'at 2026-11-23 10:15:02.123 row 4'
            '2026-11-23T10:15:02 +5511987654321'            => '2026-11-23T10:15:02 +5511*****4321'
            '+5511987654321 on 2026-11-23'                  => '+5511*****4321 on 2026-11-23'
            '1234567'                                       => '1234567'
            ''                                              => ''
            """)
    void masksNumbersAndKeepsDates(String text, String expected) {
        assertThat(LogMasking.mask(text)).isEqualTo(expected);
    }

    @Test
    void nullStaysNull() {
        assertThat(LogMasking.mask(null)).isNull();
    }

    private static LoggingEvent event(LoggerContext context, String message, Throwable error, Object... args) {
        Logger logger = context.getLogger("io.dialready.test");
        return new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, error, args);
    }

    @Test
    void theMessageConverterMasksTheFormattedMessage() {
        LoggerContext context = new LoggerContext();
        MaskedMessageConverter converter = new MaskedMessageConverter();
        converter.setContext(context);
        converter.start();
        assertThat(converter.convert(event(context, "number {} answered {}", null, "+5511987654321", "404")))
                .isEqualTo("number +5511*****4321 answered 404");
    }

    @Test
    void theThrowableConverterMasksEveryMessageOfTheChain() {
        LoggerContext context = new LoggerContext();
        MaskedThrowableConverter converter = new MaskedThrowableConverter();
        converter.setContext(context);
        converter.start();
        Exception error = new IllegalStateException(
                "insert failed for (11) 98765-4321", new RuntimeException("duplicate +919876543210"));
        String trace = converter.convert(event(context, "chunk failed", error));
        assertThat(trace)
                .contains("IllegalStateException: insert failed for (11*****4321")
                .contains("Caused by: java.lang.RuntimeException: duplicate +9198****3210")
                .contains("at io.dialready.phone.LogMaskingTest")
                .doesNotContain("98765-4321")
                .doesNotContain("9876543210");
    }

    @Test
    void logbackXmlWiresBothConvertersIntoTheLogFile() throws Exception {
        Path log = dir.resolve("dialready.log");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("LOG_FILE", log.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        context.getLogger("io.dialready.test")
                .warn("lookup of {} failed", "+5511987654321", new IllegalStateException("row (11) 98765-4321"));
        context.stop();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("lookup of +5511*****4321 failed")
                .contains("IllegalStateException: row (11*****4321")
                .doesNotContain("987654321")
                .doesNotContain("98765-4321");
    }
}
