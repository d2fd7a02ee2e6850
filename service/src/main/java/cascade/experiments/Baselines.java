package cascade.experiments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door of baselines (table {@code baseline}): per experiment name, the SUCCEEDED experiment
 * that {@code "against": "baseline"} expectations of later experiments with that name compare
 * with. Marking another experiment of the same name replaces it.
 */
@Service
public class Baselines {

    private final JdbcClient jdbc;
    private final InstantSource clock;

    Baselines(JdbcClient jdbc, InstantSource clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Makes the experiment the baseline of its name. Only a SUCCEEDED experiment can be one
     * ({@link ExperimentStateException} otherwise); the row lock keeps a concurrent retry or
     * delete from slipping in between the check and the write.
     */
    @Transactional
    public BaselineView mark(UUID experiment) {
        record Row(String name, String status) {
        }
        Row row = jdbc.sql("SELECT name, status FROM experiment WHERE id = ? FOR UPDATE").param(experiment)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new ExperimentNotFoundException(experiment));
        if (!row.status().equals(ExperimentStatus.SUCCEEDED.name())) {
            throw new ExperimentStateException("experiment " + experiment + " is " + row.status()
                    + ": only a SUCCEEDED experiment can be a baseline");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO baseline (name, experiment_id, marked_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET experiment_id = EXCLUDED.experiment_id, marked_at = EXCLUDED.marked_at""")
                .params(row.name(), experiment, Timestamp.from(now)).update();
        return new BaselineView(row.name(), experiment, now);
    }

    /** The baseline of experiments named {@code name}, if one was marked (and not deleted since). */
    public Optional<BaselineView> find(String name) {
        return jdbc.sql("SELECT name, experiment_id, marked_at FROM baseline WHERE name = ?").param(name)
                .query((rs, i) -> new BaselineView(rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant())).optional();
    }

    /** The baseline of {@code name}, or {@link BaselineNotFoundException}. */
    public BaselineView get(String name) {
        return find(name).orElseThrow(() -> new BaselineNotFoundException(name));
    }
}
