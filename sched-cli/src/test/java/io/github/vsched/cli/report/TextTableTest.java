package io.github.vsched.cli.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {

    private static TextTable table() {
        return new TextTable(List.of("scheduler", "VCPU", "CPU %", "n"))
                .add(List.of("credit", "winxp/0", "2.75 ± 0.003", "5"))
                .add(List.of("a|b", "dom1/0", "52.6 ± 3.91", ""));
    }

    @Test
    void theConsoleTableAlignsTextLeftAndNumbersRight() {
        assertThat(table().render()).isEqualTo("""
                scheduler  VCPU            CPU %  n
                ---------  -------  ------------  -
                credit     winxp/0  2.75 ± 0.003  5
                a|b        dom1/0    52.6 ± 3.91
                """);
    }

    @Test
    void theMarkdownTableHasTheSameColumnsWithNumbersRightAlignedAndPipesEscaped() {
        assertThat(table().markdown()).isEqualTo("""
                | scheduler | VCPU    |        CPU % |    n |
                | --------- | ------- | -----------: | ---: |
                | credit    | winxp/0 | 2.75 ± 0.003 |    5 |
                | a\\|b      | dom1/0  |  52.6 ± 3.91 |      |
                """);
    }

    @Test
    void aTableWithoutRowsIsAHeaderAndADelimiterRow() {
        assertThat(new TextTable(List.of("a", "metric")).markdown()).isEqualTo("""
                | a   | metric |
                | --- | ------ |
                """);
    }
}
