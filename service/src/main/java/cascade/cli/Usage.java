package cascade.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How a verb refuses its arguments: the reason (if any), then the usage, on stderr. */
final class Usage {

    private Usage() {
    }

    /** Prints {@code reason} (when not null) and the usage; empty, for a parse method to return. */
    static <T> Optional<T> refuse(PrintStream err, @Nullable String reason) {
        if (reason != null) {
            err.println(reason);
        }
        err.println(CommandLine.usage());
        return Optional.empty();
    }

    /**
     * The spec file: the one word that is not an option ({@link BadArgumentsException} for a second
     * one or an unknown option).
     */
    static Path spec(String word, @Nullable Path specSoFar) {
        if (word.startsWith("--") || specSoFar != null) {
            throw new BadArgumentsException("unknown argument: " + word);
        }
        return Path.of(word);
    }
}
