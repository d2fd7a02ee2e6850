package cascade.experiments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Row of table {@code experiment}; never leaves this package (views are records). */
@Entity
@Table(name = "experiment")
class ExperimentEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] tags;

    @Column(nullable = false)
    private String owner;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String spec;

    @Column(nullable = false)
    private String status;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "runs_total", nullable = false)
    private int runsTotal;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ExperimentEntity() {
    }

    ExperimentEntity(UUID id, String name, String[] tags, String owner, String spec, String idempotencyKey,
            int runsTotal, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.tags = tags;
        this.owner = owner;
        this.spec = spec;
        this.status = ExperimentStatus.QUEUED.name();
        this.idempotencyKey = idempotencyKey;
        this.runsTotal = runsTotal;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }
}
