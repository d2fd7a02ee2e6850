package cascade.experiments;

import cascade.engine.MemoryEstimate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cascade.experiments.*}, checked when the service starts.
 *
 * @param maxAttempts   attempts a run gets before it is FAILED (crashes and exceptions both count)
 * @param maxRuns       runs one experiment may expand into
 * @param memoryBudget  memory one run may need ({@link MemoryEstimate}); a spec whose largest run
 *                      is estimated above it is refused at submission. Default: three quarters of
 *                      this JVM's maximum heap ({@link MemoryEstimate#defaultBudget()}), which
 *                      assumes the workers run in this JVM; set it explicitly (e.g. {@code 6GB}) on
 *                      an API-only instance whose workers have a different heap
 * @param specCacheSize parsed specs kept in memory (least recently used dropped first); the
 *                      workers read a spec once per run, so this need only cover the experiments
 *                      being worked on. Metric {@code cascade.cache.entries{cache=experiment-specs}}
 */
@ConfigurationProperties("cascade.experiments")
record ExperimentsProperties(@DefaultValue("3") int maxAttempts, @DefaultValue("10000") int maxRuns,
        @Nullable DataSize memoryBudget, @DefaultValue("1000") int specCacheSize) {

    ExperimentsProperties {
        check(maxAttempts >= 1, "max-attempts must be at least 1, was " + maxAttempts);
        check(maxRuns >= 1, "max-runs must be at least 1, was " + maxRuns);
        check(memoryBudget == null || memoryBudget.toBytes() > 0, "memory-budget must be positive, was " + memoryBudget);
        check(specCacheSize >= 1, "spec-cache-size must be at least 1, was " + specCacheSize);
        memoryBudget = memoryBudget == null ? DataSize.ofBytes(MemoryEstimate.defaultBudget()) : memoryBudget;
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("cascade.experiments." + problem);
        }
    }
}
