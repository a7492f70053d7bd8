package io.dialready.source;

/**
 * The input file cannot be read as a debtor list at all (missing, empty, binary, undecodable...). The run stops with
 * exit code 3 and this message, which names the file and the problem. A single bad row is never this: it is a reject.
 */
public class InputUnreadableException extends RuntimeException {

    public InputUnreadableException(String message) {
        super(message);
    }

    public InputUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
