package cascade.experiments;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ExperimentRepository extends JpaRepository<ExperimentEntity, UUID> {

    Optional<ExperimentEntity> findByOwnerAndIdempotencyKey(String owner, String idempotencyKey);
}
