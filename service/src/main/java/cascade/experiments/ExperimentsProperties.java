package cascade.experiments;

import cascade.engine.MemoryEstimate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code cascade.experiments.*}.
 *
 * @param maxAttempts attempts a run gets before it is FAILED (crashes and exceptions both count)
 * @param maxRuns     runs one experiment may expand into
 * @param memoryBudget memory one run may need ({@link MemoryEstimate}); a spec whose largest run
 *                     is estimated above it is refused at submission. Default: three quarters of this JVM's
 *                     maximum heap ({@link MemoryEstimate#defaultBudget()}), which assumes the
 *                     workers run in this JVM; set it explicitly (e.g. {@code 6GB}) on an API-only
 *                     instance whose workers have a different heap
 */
@ConfigurationProperties("cascade.experiments")
record ExperimentsProperties(Integer maxAttempts, Integer maxRuns, DataSize memoryBudget) {

    ExperimentsProperties {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        maxRuns = maxRuns == null ? 10_000 : maxRuns;
        memoryBudget = memoryBudget == null ? DataSize.ofBytes(MemoryEstimate.defaultBudget()) : memoryBudget;
    }
}
