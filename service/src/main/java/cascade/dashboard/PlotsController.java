package cascade.dashboard;

import cascade.engine.report.ResultDocument;
import cascade.results.Results;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /experiments/{id}/plots/{plot}.svg|.png: the dashboard's charts, drawn from the current result. */
@RestController
class PlotsController {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final Results results;

    PlotsController(Results results) {
        this.results = results;
    }

    @GetMapping("/experiments/{id}/plots/{plot}.svg")
    ResponseEntity<byte[]> svg(@PathVariable UUID id, @PathVariable String plot) {
        Plot which = Plot.parse(plot);
        ResultDocument doc = results.resultOf(id);
        String svg = ChartImages.svg(ResultCharts.chart(which, doc), title(which, doc), ResultCharts.describe(which, doc));
        return image(SVG, svg.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/experiments/{id}/plots/{plot}.png")
    ResponseEntity<byte[]> png(@PathVariable UUID id, @PathVariable String plot) {
        Plot which = Plot.parse(plot);
        return image(MediaType.IMAGE_PNG, ChartImages.png(ResultCharts.chart(which, results.resultOf(id))));
    }

    private static String title(Plot plot, ResultDocument doc) {
        String name = doc.spec().get("name") instanceof String s ? s : doc.experiment();
        return name + ": " + plot.slug() + " plot";
    }

    /** Never cached: the page reloads plots as runs finish. */
    private static ResponseEntity<byte[]> image(MediaType type, byte[] body) {
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore()).body(body);
    }
}
