package cascade.api;

import cascade.datasets.DatasetTooLargeException;
import cascade.datasets.DatasetUpload;
import cascade.datasets.DatasetView;
import cascade.datasets.Datasets;
import cascade.datasets.InvalidDatasetRequestException;
import cascade.engine.dataset.DatasetFormat;
import cascade.engine.dataset.DatasetLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Datasets over HTTP. Uploads are streamed: a raw body (CSV or .npz; format from the query or the
 * Content-Type) or multipart/form-data with parts {@code features} and {@code labels} (.npy) or
 * one part {@code file}. Parameters: name (required), format, labelColumn, featuresArray, labelsArray.
 */
@RestController
@RequestMapping("/datasets")
class DatasetsController {

    private final Datasets datasets;

    DatasetsController(Datasets datasets) {
        this.datasets = datasets;
    }

    @PostMapping(consumes = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE, "application/zip",
            "application/x-npz"})
    ResponseEntity<DatasetResponse> upload(@RequestParam String name, @RequestParam(required = false) @Nullable String format,
            @RequestParam(defaultValue = "label") String labelColumn,
            @RequestParam(defaultValue = "x") String featuresArray,
            @RequestParam(defaultValue = "y") String labelsArray,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) @Nullable Long length,
            InputStream body) {
        if (length != null && length > datasets.maxBytes()) {
            throw new DatasetTooLargeException(datasets.maxBytes());
        }
        DatasetFormat f = format(format, contentType.startsWith("text/csv") ? DatasetFormat.CSV
                : contentType.contains("zip") || contentType.contains("npz") ? DatasetFormat.NPZ : null);
        if (f == DatasetFormat.NPY) {
            throw new BadParameterException("format", "npy takes two files: send multipart/form-data with parts "
                    + "features and labels");
        }
        return created(datasets.create(new DatasetUpload(name, Callers.owner(), f,
                layout(labelColumn, featuresArray, labelsArray), List.of(body))));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DatasetResponse> uploadFiles(@RequestParam String name,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(defaultValue = "label") String labelColumn,
            @RequestParam(defaultValue = "x") String featuresArray,
            @RequestParam(defaultValue = "y") String labelsArray,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            @RequestPart(name = "features", required = false) @Nullable MultipartFile features,
            @RequestPart(name = "labels", required = false) @Nullable MultipartFile labels) throws IOException {
        DatasetLayout layout = layout(labelColumn, featuresArray, labelsArray);
        if (file != null && features == null && labels == null) {
            String filename = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            DatasetFormat f = format(format, filename.endsWith(".csv") ? DatasetFormat.CSV
                    : filename.endsWith(".npz") ? DatasetFormat.NPZ : null);
            try (InputStream in = file.getInputStream()) {
                return created(datasets.create(new DatasetUpload(name, Callers.owner(), f, layout, List.of(in))));
            }
        }
        if (file == null && features != null && labels != null) {
            try (InputStream x = features.getInputStream(); InputStream y = labels.getInputStream()) {
                return created(datasets.create(new DatasetUpload(name, Callers.owner(), DatasetFormat.NPY, layout,
                        List.of(x, y))));
            }
        }
        throw new BadParameterException("file", "send either one part 'file' (csv or npz) or two parts 'features' "
                + "and 'labels' (.npy)");
    }

    @GetMapping
    DatasetPage list() {
        return new DatasetPage(datasets.list(Callers.owner()).stream().map(DatasetResponse::of).toList());
    }

    @GetMapping("/{id}")
    DatasetResponse get(@PathVariable UUID id) {
        return DatasetResponse.of(datasets.get(id, Callers.owner()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        datasets.delete(id, Callers.owner());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<DatasetResponse> created(DatasetView view) {
        return ResponseEntity.created(URI.create("/datasets/" + view.id())).body(DatasetResponse.of(view));
    }

    private static DatasetFormat format(@Nullable String given, @Nullable DatasetFormat inferred) {
        if (given == null) {
            if (inferred == null) {
                throw new BadParameterException("format", "is required: csv, npz or npy (or send Content-Type text/csv)");
            }
            return inferred;
        }
        DatasetFormat f = DatasetFormat.parse(given);
        if (f == null) {
            throw new BadParameterException("format", "must be csv, npz or npy");
        }
        return f;
    }

    private static DatasetLayout layout(String labelColumn, String features, String labels) {
        try {
            return new DatasetLayout(labelColumn, features, labels);
        } catch (IllegalArgumentException e) {
            throw new InvalidDatasetRequestException("labelColumn", e.getMessage());
        }
    }

    record DatasetPage(List<DatasetResponse> items) {
    }
}
