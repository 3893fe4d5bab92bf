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
        assertThat(Csv.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(List.of(Csv.field("plain"))).containsExactly("plain");
    }

    /** No scientific notation: the digits of Double.toString, the point moved; they read back as the same double. */
    @Test
    void numbersAreWrittenAsPlainDecimals() {
        assertThat(Csv.number(7.93566E-4)).isEqualTo("0.000793566");
        assertThat(Csv.number(1.5E-6)).isEqualTo("0.0000015");
        assertThat(Csv.number(-2.5E-10)).isEqualTo("-0.00000000025");
        assertThat(Csv.number(1.234E17)).isEqualTo("123400000000000000");
        assertThat(Csv.number(0.1)).isEqualTo("0.1");
        for (double d : new double[]{7.93566E-4, 1.5E-6, Double.MIN_VALUE, 1e-300, 4.9e15 + 0.5, 123.456e20}) {
            assertThat(Csv.number(d)).doesNotContainPattern("[eE]");
            assertThat(Double.parseDouble(Csv.number(d))).isEqualTo(d);
        }
    }

    /**
     * summary.csv and result.json write the same numbers, as plain decimals: a VCPU that ran
     * 1.5 us of 200 ms has a CPU share of 0.0000075, in both files.
     */
    @Test
    void summaryCsvAndResultJsonWriteTheSameDecimals(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        io.github.vsched.cli.CliRun r = io.github.vsched.cli.CliRun.of("run", "builtin:audio-vs-hog", "--duration",
                "200ms", "--out", dir.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        String json = java.nio.file.Files.readString(dir.resolve("result.json"));
        List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(json).doesNotContainPattern("[0-9][eE][-+]?[0-9]");
        assertThat(String.join("\n", csv)).doesNotContainPattern("[0-9][eE][-+]?[0-9]");
        List<String> header = List.of(csv.get(0).split(","));
        int share = header.indexOf("cpu_share");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"cpuShare\" : ([^,\\s]+)").matcher(json);
        int row = 1;
        boolean small = false;
        while (m.find()) {
            String inCsv = csv.get(row++).split(",")[share];
            String inJson = m.group(1);
            assertThat(Double.parseDouble(inCsv)).isEqualTo(Double.parseDouble(inJson));
            if (!inJson.contains(".") || inJson.endsWith(".0")) {
                continue; // integral: CSV leaves out the .0
            }
            assertThat(inCsv).isEqualTo(inJson);
            small |= Double.parseDouble(inJson) < 1e-3;
        }
        assertThat(row).isEqualTo(csv.size());
        assertThat(small).as("a share below 0.001, which Double.toString writes with an exponent").isTrue();
    }
}
