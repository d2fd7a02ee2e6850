package cascade.api;

import cascade.engine.spec.Catalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The kinds a spec may name, with parameters, defaults and limits. */
@RestController
class CatalogController {

    @GetMapping("/estimators")
    List<Map<String, Object>> estimators() {
        return Catalog.estimators().stream().map(CatalogController::kind).toList();
    }

    @GetMapping("/teachers")
    List<Map<String, Object>> teachers() {
        return Catalog.teachers().stream().map(CatalogController::kind).toList();
    }

    @GetMapping("/expectations")
    Map<String, Object> expectations() {
        return kind(Catalog.expectation());
    }

    private static Map<String, Object> kind(Catalog.Kind kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.kind());
        m.put("description", kind.description());
        m.put("reference", kind.reference());
        m.put("parameters", kind.parameters().stream().map(CatalogController::parameter).toList());
        return m;
    }

    private static Map<String, Object> parameter(Catalog.Parameter p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type());
        m.put("required", p.required());
        if (p.defaultValue() != null) {
            m.put("default", p.defaultValue());
        }
        if (p.minimum() != null) {
            m.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            m.put("maximum", p.maximum());
        }
        if (p.allowed() != null) {
            m.put("allowed", p.allowed());
        }
        m.put("description", p.description());
        return m;
    }
}
