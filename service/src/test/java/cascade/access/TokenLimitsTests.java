package cascade.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.TestSpecs;
import cascade.engine.spec.ExperimentSpec;
import cascade.engine.spec.FieldError;
import cascade.engine.spec.SpecParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Limits and token secrets, without Spring. */
class TokenLimitsTests {

    // n = 200, 400, 800, 1600; 2 estimators, 2 seeds: 16 runs; test n 500.
    final ExperimentSpec spec = TestSpecs.tiny("limits", 4, 2);

    @Test
    void noLimitsNeverCountsRuns() {
        AtomicInteger counted = new AtomicInteger();
        TokenLimits.NONE.check(spec, () -> counted.incrementAndGet());
        assertThat(counted).hasValue(0);
    }

    @Test
    void resourceLimitsNameEachFieldOverIt() {
        assertThatThrownBy(() -> new TokenLimits(null, 500, null, 100).check(spec, () -> 0))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.errors())
                        .extracting(cascade.engine.spec.FieldError::field)
                        .containsExactly("sweep.n[2]", "sweep.n[3]", "test.n"));
        new TokenLimits(null, 1600, 1, 500).check(spec, () -> 0);
    }

    @Test
    void widthLimitCoversEveryRandomLayerThatHasAWidth() {
        ExperimentSpec widths = SpecParser.parse(Map.of(
                "teacher", Map.of("kind", "hierarchical", "input", "gaussian-equivalent", "d", 8, "p", 3),
                "estimators", List.of(Map.of("kind", "random-features", "width", 600),
                        Map.of("kind", "neural-lofi", "name", "finite",
                                "layers", List.of(Map.of("width", 100, "directions", 4), Map.of("width", 700))),
                        Map.of("kind", "neural-lofi", "name", "kernel", "limit", "kernel")),
                "sweep", Map.of("n", List.of(200))));
        assertThatThrownBy(() -> new TokenLimits(null, null, 512, null).check(widths, () -> 0))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("estimators[0].width", "600 exceeds this token's maxWidth 512"),
                        new FieldError("estimators[1].layers[1].width", "700 exceeds this token's maxWidth 512")));
        new TokenLimits(null, null, 700, null).check(widths, () -> 0); // the kernel limit has no width
    }

    @Test
    void quotaCountsTheNewRunsToo() {
        new TokenLimits(20, null, null, null).check(spec, () -> 4);
        assertThatThrownBy(() -> new TokenLimits(20, null, null, null).check(spec, () -> 5))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(20);
                    assertThat(e.current()).isEqualTo(5);
                    assertThat(e.requested()).isEqualTo(16);
                });
    }

    @Test
    void limitsBelowTheirMinimumAreRefused() {
        assertThatThrownBy(() -> new TokenLimits(-1, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenLimits(null, 0, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsAre32RandomBytesUrlSafeAndHashTo32Bytes() {
        String a = TokenSecrets.generate();
        String b = TokenSecrets.generate();
        assertThat(a).matches("cas_[A-Za-z0-9_-]{43}").isNotEqualTo(b);
        assertThat(TokenSecrets.hash(a)).hasSize(32).isNotEqualTo(TokenSecrets.hash(b));
    }

    @Test
    void aShortBootstrapTokenIsRefusedAtStart() {
        assertThatThrownBy(() -> new AccessProperties(true, "too-short", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
        assertThat(new AccessProperties(null, null, null, null).enabled()).isFalse();
    }

    @Test
    void submittersMayChangeOnlyTheirOwnAndAdminsAny() {
        Caller alice = new Caller("alice", Role.SUBMITTER, TokenLimits.NONE, null);
        Caller reader = new Caller("alice", Role.READER, TokenLimits.NONE, null);
        assertThat(alice.mayChange("alice")).isTrue();
        assertThat(alice.mayChange("bob")).isFalse();
        assertThat(reader.mayChange("alice")).isFalse();
        assertThat(Caller.LOCAL.mayChange("bob")).isTrue();
    }
}
