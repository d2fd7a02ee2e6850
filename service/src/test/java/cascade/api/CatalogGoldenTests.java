package cascade.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins what GET /estimators, /teachers and /expectations answer. The expected JSON was written by
 * the code before the estimator registry replaced the hand-written catalog; run with
 * {@code -Dgolden.write=true} to rewrite it after an intended change, and review the diff.
 */
class CatalogGoldenTests {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    static final Path GOLDEN = Path.of("src/test/resources/golden/catalog.json");

    @Test
    void catalogAnswersAreUnchanged() throws IOException {
        CatalogController controller = new CatalogController();
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("/estimators", controller.estimators());
        answers.put("/teachers", controller.teachers());
        answers.put("/expectations", controller.expectations());
        String text = JSON.writeValueAsString(answers) + "\n";
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(GOLDEN, text);
        }
        assertThat(text).isEqualTo(Files.readString(GOLDEN));
    }
}
