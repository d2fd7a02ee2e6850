package cascade.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** api-spec/openapi.yaml as a test oracle: its operations, and JSON-schema validation of responses. */
final class OpenApiContract {

    static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode root;

    private OpenApiContract(JsonNode root) {
        this.root = root;
    }

    static OpenApiContract load() {
        Path file = Path.of("../api-spec/openapi.yaml");
        if (!Files.exists(file)) {
            file = Path.of("api-spec/openapi.yaml");
        }
        try {
            return new OpenApiContract(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** components/schemas/{name} (a missing node when there is none). */
    JsonNode schema(String name) {
        return root.path("components").path("schemas").path(name);
    }

    /** "METHOD /path/{var}" for every operation in the document. */
    Set<String> operations() {
        Set<String> ops = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    ops.add(method.toUpperCase() + " " + p.getKey());
                }
            });
        }
        return ops;
    }

    /** Validation messages of {@code body} against components/schemas/{name} (empty = valid). */
    Set<ValidationMessage> validate(String schemaName, String body) {
        ObjectNode doc = root.deepCopy();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("$ref", "#/components/schemas/" + schemaName);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(doc);
        try {
            return schema.validate(JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validation of an array whose items follow components/schemas/{name}. */
    Set<ValidationMessage> validateArray(String schemaName, String body) {
        ObjectNode doc = root.deepCopy();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("type", "array");
        doc.putObject("items").put("$ref", "#/components/schemas/" + schemaName);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(doc);
        try {
            return schema.validate(JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
