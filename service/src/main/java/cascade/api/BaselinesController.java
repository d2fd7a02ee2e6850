package cascade.api;

import cascade.experiments.Baselines;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /baselines/{name}: which experiment "against": "baseline" expectations compare with. */
@RestController
class BaselinesController {

    private final Baselines baselines;

    BaselinesController(Baselines baselines) {
        this.baselines = baselines;
    }

    @GetMapping("/baselines/{name}")
    BaselineResponse get(@PathVariable String name) {
        return BaselineResponse.of(baselines.get(name));
    }
}
