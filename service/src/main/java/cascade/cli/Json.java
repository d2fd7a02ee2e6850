package cascade.cli;

import cascade.engine.report.ResultDocument;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line's JSON: absent values are omitted, as the service does. NaN and Infinity are
 * read as numbers so the spec parser can name the field that holds them (as the service does).
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** A result document as the service or {@code run} wrote it; fields it does not know are skipped. */
    static ResultDocument result(String json) {
        return MAPPER.readValue(json, ResultDocument.class);
    }
}
