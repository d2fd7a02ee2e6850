package cascade.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import cascade.engine.MemoryEstimate;
import org.junit.jupiter.api.Test;

/** MemoryEstimate copies the baselines' block sizes; this fails when one changes alone. */
class MemoryEstimateConstantsTests {

    @Test
    void blockSizesMatch() {
        assertThat(MemoryEstimate.KERNEL_PREDICT_BLOCK).isEqualTo(KernelRidge.PREDICT_BLOCK_ELEMENTS);
        assertThat(MemoryEstimate.RIDGE_BLOCK).isEqualTo(RidgeSolver.BLOCK_ELEMENTS);
    }
}
