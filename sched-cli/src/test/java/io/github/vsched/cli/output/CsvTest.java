package io.github.vsched.cli.output;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void fieldsWithSeparatorsAreQuotedAndNumbersAreClean() throws IOException {
        StringWriter w = new StringWriter();
        new Csv(w).row(Arrays.asList("credit[a=1,b=2]", "say \"hi\"", 3.0, 0.25, Double.NaN, 7L, null));
        assertThat(w).hasToString("\"credit[a=1,b=2]\",\"say \"\"hi\"\"\",3,0.25,,7,\n");
        assertThat(Csv.number(1e20)).isEqualTo("1.0E20");
        assertThat(List.of(Csv.field("plain"))).containsExactly("plain");
    }
}
