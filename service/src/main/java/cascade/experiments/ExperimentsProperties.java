package cascade.experiments;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cascade.experiments.*}.
 *
 * @param maxAttempts attempts a run gets before it is FAILED (crashes and exceptions both count)
 * @param maxRuns     runs one experiment may expand into
 */
@ConfigurationProperties("cascade.experiments")
record ExperimentsProperties(Integer maxAttempts, Integer maxRuns) {

    ExperimentsProperties {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        maxRuns = maxRuns == null ? 10_000 : maxRuns;
    }
}
