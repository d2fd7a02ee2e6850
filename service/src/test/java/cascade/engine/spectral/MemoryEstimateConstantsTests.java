package cascade.engine.spectral;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.engine.MemoryEstimate;
import org.junit.jupiter.api.Test;

/** MemoryEstimate copies the spectral estimators' size limits; this fails when one changes alone. */
class MemoryEstimateConstantsTests {

    @Test
    void spectralLimitsMatch() {
        assertThat(MemoryEstimate.BATCH).isEqualTo(SpectralOperator.BATCH);
        assertThat(MemoryEstimate.FEATURE_CACHE_DOUBLES).isEqualTo(SpectralOperator.CACHE_DOUBLES);
        assertThat(MemoryEstimate.KRR_READOUT_MAX_TRAIN).isEqualTo(HierarchicalSpectral.KRR_MAX_TRAIN);
        assertThat(MemoryEstimate.SHALLOW_MAX_DENSE).isEqualTo(ShallowSpectral.MAX_DENSE);
    }
}
