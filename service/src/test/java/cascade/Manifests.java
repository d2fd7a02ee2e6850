package cascade;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes manifests in {@code deploy/}: read, rendered (kustomize's {@code resources}), and
 * validated offline against their schemas. Built-in kinds are checked against the fabric8
 * Kubernetes model (Java classes generated from the Kubernetes OpenAPI document) with every
 * leniency off: an unknown field anywhere, a string where a number belongs or the reverse, a
 * malformed quantity, and an apiVersion/kind the model does not know all fail. KEDA's custom
 * resources (no such model exists) are checked against JSON schemas written from KEDA's documented
 * ScaledObject and TriggerAuthentication specs (test resources kubernetes/*.schema.json), their
 * metadata and HPA behavior again against the fabric8 classes. Not checked: the required fields
 * and enumerations of built-in kinds (the model has neither), and anything the API server decides
 * at admission (quotas, admission webhooks, CRDs being installed).
 */
public final class Manifests {

    /** The repository's deploy/ folder (tests run in service/). */
    public static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

    /** YAML with duplicate keys refused (the API server would keep one silently). */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Built-in kinds the manifests may use, by apiVersion/kind. */
    private static final Map<String, Class<? extends HasMetadata>> MODEL = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/Secret", Secret.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    /** Custom resources, by apiVersion/kind: their JSON schema (test resources). */
    private static final Map<String, String> CUSTOM = Map.of(
            "keda.sh/v1alpha1/ScaledObject", "kubernetes/keda-scaledobject.schema.json",
            "keda.sh/v1alpha1/TriggerAuthentication", "kubernetes/keda-triggerauthentication.schema.json");

    /** What this renderer understands of a kustomization; anything else fails rather than being ignored. */
    private static final Set<String> KUSTOMIZATION_KEYS = Set.of("apiVersion", "kind", "resources");

    private static final ObjectMapper STRICT = strictMapper();

    private Manifests() {
    }

    /** The YAML documents of a file (empty documents skipped). */
    public static List<JsonNode> read(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every YAML file under deploy/. */
    public static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isKustomization(Path file) {
        String name = file.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    /** Folders holding a kustomization (base and overlays). */
    public static List<Path> kustomizations() {
        return yamlFiles().stream().filter(Manifests::isKustomization).map(Path::getParent).toList();
    }

    /** The objects a kustomization folder renders to: its resources, folders rendered recursively. */
    public static List<JsonNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        List<JsonNode> docs = read(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": one document expected");
        }
        JsonNode k = docs.getFirst();
        List<String> unknown = new ArrayList<>();
        k.fieldNames().forEachRemaining(f -> {
            if (!KUSTOMIZATION_KEYS.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty() || !"Kustomization".equals(k.path("kind").asText())
                || !"kustomize.config.k8s.io/v1beta1".equals(k.path("apiVersion").asText())) {
            throw new IllegalArgumentException(file + ": only apiVersion kustomize.config.k8s.io/v1beta1, kind "
                    + "Kustomization and resources are rendered here (teach Manifests.render the rest); unknown: "
                    + unknown);
        }
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(render(p));
            } else if (Files.isRegularFile(p)) {
                objects.addAll(read(p));
            } else {
                throw new IllegalArgumentException(file + ": resource " + r.asText() + " does not exist");
            }
        }
        return objects;
    }

    /** "Deployment/cascade-worker". */
    public static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    /**
     * The schema errors of one object, each prefixed with its id; empty when it is valid. An unknown
     * apiVersion/kind is an error (nothing passes unchecked).
     */
    public static List<String> validate(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String id = id(object);
        List<String> errors = new ArrayList<>();
        if (object.path("metadata").path("name").asText().isEmpty()) {
            errors.add(id + ": metadata.name is required");
        }
        Class<? extends HasMetadata> model = MODEL.get(type);
        String schema = CUSTOM.get(type);
        if (model != null) {
            strict(object, model, id, errors).ifPresent(o -> quantities(o, id, errors));
        } else if (schema != null) {
            for (var m : schemaOf(schema).validate(object)) {
                errors.add(id + ": " + m.getMessage());
            }
            strict(object.path("metadata"), ObjectMeta.class, id + " metadata", errors);
            JsonNode behavior = object.path("spec").path("advanced").path("horizontalPodAutoscalerConfig")
                    .path("behavior");
            if (!behavior.isMissingNode()) {
                strict(behavior, HorizontalPodAutoscalerBehavior.class, id + " behavior", errors);
            }
        } else {
            errors.add(id + ": no schema for " + type + " (known: " + MODEL.keySet() + ", " + CUSTOM.keySet() + ")");
        }
        return errors;
    }

    /** Typed view of a valid object (fails the test when it is not valid). */
    public static <T> T as(JsonNode object, Class<T> type) {
        try {
            return STRICT.treeToValue(object, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(id(object) + ": " + e.getMessage(), e);
        }
    }

    /** The objects of a kind. */
    public static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** The one object of a kind and name. */
    public static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    /** A container's literal env value, or null when it is not set as a literal. */
    public static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    /** The only container of a Deployment. */
    public static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(deployment.getMetadata().getName() + ": one container expected");
        }
        return containers.getFirst();
    }

    /** A deep copy with one field set (a path of object keys and array indexes), for negative tests. */
    public static JsonNode with(JsonNode object, String path, JsonNode value) {
        JsonNode copy = object.deepCopy();
        String[] parts = path.split("\\.");
        JsonNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            node = parts[i].matches("\\d+") ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
            if (node == null) {
                throw new IllegalArgumentException("no " + parts[i] + " on the way to " + path);
            }
        }
        ((ObjectNode) node).set(parts[parts.length - 1], value);
        return copy;
    }

    private static Optional<Object> strict(JsonNode node, Class<?> type, String id, List<String> errors) {
        try {
            return Optional.of(STRICT.treeToValue(node, type));
        } catch (IOException | IllegalArgumentException e) {
            String message = e.getMessage().lines().findFirst().orElse("");
            int cut = message.indexOf(", not marked as ignorable");
            errors.add(id + ": " + (cut > 0 ? message.substring(0, cut) : message) + " at " + path(e));
            return Optional.empty();
        }
    }

    private static String path(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return sb.isEmpty() ? "(top)" : sb.substring(sb.charAt(0) == '.' ? 1 : 0);
        }
        return "(unknown)";
    }

    /** Container resource quantities must parse ("10Gi", "500m"); the model keeps them as strings. */
    private static void quantities(Object object, String id, List<String> errors) {
        if (object instanceof Deployment d) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                if (c.getResources() == null) {
                    continue;
                }
                for (Map<String, Quantity> m : List.of(c.getResources().getRequests(), c.getResources().getLimits())) {
                    m.forEach((resource, q) -> {
                        try {
                            q.getNumericalAmount();
                        } catch (RuntimeException bad) {
                            errors.add(id + ": container " + c.getName() + " resource " + resource + " is not a "
                                    + "quantity: " + q);
                        }
                    });
                }
            }
        }
    }

    private static final Map<String, JsonSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonSchema schemaOf(String resource) {
        return SCHEMAS.computeIfAbsent(resource, r -> {
            try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + r);
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Jackson with no leniency: fabric8's classes collect unknown fields in an "additionalProperties"
     * map through an any-setter; without it every unknown field fails, and scalars are never coerced
     * (a quoted "2" for an integer, an unquoted 2 or true for a string).
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated a) {
                        return Boolean.FALSE;
                    }
                })
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return m;
    }
}
