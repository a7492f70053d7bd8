package io.dialready.spec;

/** A job spec that cannot be used; the message names the key and what is wrong with it. */
public class JobSpecException extends RuntimeException {

    public JobSpecException(String message) {
        super(message);
    }

    public JobSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
