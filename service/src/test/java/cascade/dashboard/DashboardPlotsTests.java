package cascade.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cascade.engine.metrics.Summary;
import cascade.engine.report.ExperimentReport.Curve;
import cascade.engine.report.ExperimentReport.DirectionPoint;
import cascade.engine.report.ExperimentReport.Fit;
import cascade.engine.report.ExperimentReport.Theory;
import cascade.engine.report.ExperimentReport.TheoryDirection;
import cascade.engine.report.ExperimentReport.TheoryPoint;
import cascade.engine.report.ResultDocument;
import cascade.experiments.ExperimentNotFoundException;
import cascade.results.Results;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;

/**
 * The plot endpoints as a web slice: content types, SVG that parses as XML and carries the fitted
 * exponent as text, PNG that decodes, and problem details for unknown plots and experiments.
 */
@WebMvcTest(PlotsController.class)
class DashboardPlotsTests {

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Results results;
    /** The access filter's store; a mock answers "access control off", as on a local run. */
    @MockitoBean
    cascade.access.AccessTokens tokens;

    @Test
    void nmsePlotIsSvgWithTheFittedExponentAndTheTheory() throws Exception {
        given(results.resultOf(ID)).willReturn(result());
        byte[] body = mvc.perform(get("/experiments/{id}/plots/nmse.svg", ID))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andReturn().getResponse().getContentAsByteArray();
        Document svg = parse(body);
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagNameNS("*", "title").item(0).getTextContent()).contains("nmse plot");
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("fitted exponent -1.02, 95% interval [-1.19, -0.85]");
        assertThat(text).contains("spectral fit: n^-1.02");
        assertThat(text).contains("asymptotic exponent -0.50");
        assertThat(svg.getElementsByTagNameNS("*", "desc").item(0).getTextContent()).contains("fitted exponent -1.02");
    }

    @Test
    void cos2AndSpectrumPlotsAreSvgWithThresholdsAndBulkEdges() throws Exception {
        given(results.resultOf(ID)).willReturn(result());
        String cos2 = parse(mvc.perform(get("/experiments/{id}/plots/cos2.svg", ID)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray()).getDocumentElement().getTextContent();
        assertThat(cos2).contains("n*1", "n*2", "n*3", "j=1");
        String spectrum = parse(mvc.perform(get("/experiments/{id}/plots/spectrum.svg", ID)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray()).getDocumentElement().getTextContent();
        assertThat(spectrum).contains("spectral (n = 32000)", "bulk edge 0.40");
    }

    @Test
    void everyPlotIsAlsoAPng() throws Exception {
        given(results.resultOf(ID)).willReturn(result());
        for (Plot plot : Plot.values()) {
            byte[] png = mvc.perform(get("/experiments/{id}/plots/" + plot.slug() + ".png", ID))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType(MediaType.IMAGE_PNG))
                    .andReturn().getResponse().getContentAsByteArray();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            Files.write(BuildDirectory.file("plots", plot.slug() + ".png"), png);
            assertThat(image.getWidth()).isEqualTo(ChartImages.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ChartImages.HEIGHT);
        }
    }

    @Test
    void anExperimentWithoutFinishedRunsStillGetsAChart() throws Exception {
        given(results.resultOf(ID)).willReturn(new ResultDocument(ID.toString(), "QUEUED", Map.of("name", "empty"),
                null, List.of(), List.of(), List.of(), null, List.of(), null, Map.of()));
        for (Plot plot : Plot.values()) {
            String text = parse(mvc.perform(get("/experiments/{id}/plots/" + plot.slug() + ".svg", ID))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray())
                    .getDocumentElement().getTextContent();
            assertThat(text).contains("No finished runs to plot yet");
        }
    }

    @Test
    void unknownPlotsAndExperimentsAreProblemDetails() throws Exception {
        mvc.perform(get("/experiments/{id}/plots/pie.svg", ID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no plot named 'pie'; plots are nmse, cos2 and spectrum"));
        UUID missing = UUID.randomUUID();
        given(results.resultOf(missing)).willThrow(new ExperimentNotFoundException(missing));
        mvc.perform(get("/experiments/{id}/plots/nmse.png", missing))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Experiment not found"));
        mvc.perform(get("/experiments/not-a-uuid/plots/nmse.svg"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        assertThat(new String(svg, StandardCharsets.UTF_8)).startsWith("<svg");
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    /** A result of the quickstart's shape: spectral falls as n^-1.02, ridge stays near 1. */
    static ResultDocument result() {
        int[] ns = {500, 1000, 2000, 4000, 8000, 16000, 32000};
        List<Curve> curves = new ArrayList<>();
        for (int n : ns) {
            double nmse = Math.min(0.99, Math.exp(6.3) * Math.pow(n, -1.02));
            List<DirectionPoint> directions = new ArrayList<>();
            for (int j = 1; j <= 3; j++) {
                double c = Math.min(1, n / (1000.0 * j * j));
                directions.add(new DirectionPoint(j, Summary.of(new double[] {c * 0.95, c})));
            }
            curves.add(new Curve("spectral", n, 2, Map.of("nmse", Summary.of(new double[] {nmse * 0.9, nmse * 1.1})),
                    directions, new double[] {2.1, -1.6, 1.2, 0.45, -0.42},
                    Map.of("bulkEdges", List.of(0.4, -0.41))));
            curves.add(new Curve("krr-quadratic", n, 2, Map.of("nmse", Summary.of(new double[] {0.98, 1.0})),
                    null, null, null));
        }
        Fit fit = new Fit("spectral", "nmse", -1.02, 6.3, new double[] {-1.19, -0.85}, "t", 0.99, 4000, 32000, 4,
                -0.88, null);
        Theory theory = new Theory(-0.5,
                List.of(new TheoryDirection(1, 900, 1100, null), new TheoryDirection(2, 3600, 4000, null),
                        new TheoryDirection(3, 8100, 9000, null)),
                List.of(new TheoryPoint(500, 0.9), new TheoryPoint(4000, 0.3), new TheoryPoint(32000, 0.06)),
                List.of(), null);
        return new ResultDocument(ID.toString(), "SUCCEEDED", Map.of("name", "quickstart"), null, curves,
                List.of(fit), List.of(), theory, List.of(), null, Map.of());
    }
}
