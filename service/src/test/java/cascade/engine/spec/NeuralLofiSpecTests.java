package cascade.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cascade.engine.lofi.DeepNngpSpec;
import cascade.engine.lofi.NeuralLofiKind;
import cascade.engine.lofi.NeuralLofiSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading neural-lofi and deep-nngp specs: defaults, round trip, field-named errors. */
class NeuralLofiSpecTests {

    static ExperimentSpec parse(Object... estimators) {
        Map<String, Object> tree = SpecParserTests.minimal();
        tree.put("estimators", List.of(estimators));
        return SpecParser.parse(tree);
    }

    @Test
    void defaultsAreFilledInAndRoundTrip() {
        ExperimentSpec spec = parse(Map.of("kind", "neural-lofi"), Map.of("kind", "deep-nngp"),
                Map.of("kind", "neural-lofi", "name", "k", "limit", "kernel", "centered", false, "ridge", 0.01,
                        "layers", List.of(Map.of("directions", 5), Map.of())));
        NeuralLofiSpec lofi = (NeuralLofiSpec) spec.estimators().get(0);
        assertThat(lofi.layers()).isEqualTo(NeuralLofiKind.DEFAULT_LAYERS);
        assertThat(lofi.centered()).isTrue();
        assertThat(lofi.limit()).isEqualTo("finite");
        assertThat(lofi.ridge().isLeaveOneOut()).isTrue();
        assertThat(lofi.maxTrain()).isEqualTo(4000);
        assertThat(lofi.histogram()).isEqualTo(32);
        assertThat(lofi.split()).isFalse();
        DeepNngpSpec nngp = (DeepNngpSpec) spec.estimators().get(1);
        assertThat(nngp).isEqualTo(new DeepNngpSpec("deep-nngp", 2, RidgeChoice.loo(), 4000));
        NeuralLofiSpec kernel = (NeuralLofiSpec) spec.estimators().get(2);
        assertThat(kernel.layers()).containsExactly(new NeuralLofiSpec.Layer(2048, 5, "relu"),
                new NeuralLofiSpec.Layer(2048, null, "relu"));
        assertThat(kernel.kernelLimit()).isTrue();
        assertThat(SpecParser.parse(SpecWriter.toTree(spec))).isEqualTo(spec);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> parse(
                Map.of("kind", "neural-lofi", "layers", List.of(Map.of("width", 8, "directions", 9),
                        Map.of("width", 100_000), Map.of("activation", "softmax"), Map.of("depth", 2)),
                        "limit", "infinite"),
                Map.of("kind", "neural-lofi", "name", "b", "limit", "kernel", "split", true,
                        "layers", List.of(Map.of("activation", "tanh"))),
                Map.of("kind", "neural-lofi", "name", "c", "layers", List.of(), "centered", "yes"),
                Map.of("kind", "deep-nngp", "depth", 0, "maxTrain", 50_000, "width", 3)))
                .isInstanceOfSatisfying(InvalidSpecException.class, ex -> assertThat(ex.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder(
                                "estimators[0].layers[0].directions", "estimators[0].layers[1].width",
                                "estimators[0].layers[2].activation", "estimators[0].layers[3].depth",
                                "estimators[0].limit",
                                "estimators[1].layers[0].activation", "estimators[1].split",
                                "estimators[2].layers", "estimators[2].centered",
                                "estimators[3].depth", "estimators[3].maxTrain", "estimators[3].width"));
    }
}
