package cascade.cli;

/** Arguments a verb cannot use; the message says why (the usage follows it on stderr). */
final class BadArgumentsException extends RuntimeException {

    BadArgumentsException(String reason) {
        super(reason);
    }
}
