package io.dialready;

import io.dialready.cli.DialreadyCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * dialready: enriches debtor phone lists with WhatsApp reachability and writes dialer-ready files. The command line
 * ({@link DialreadyCommand}) checks the arguments, the job spec and the input first, and only then starts Spring.
 */
@SpringBootApplication
public class DialreadyApplication {

    public static void main(String[] args) {
        System.exit(DialreadyCommand.execute(args));
    }
}
