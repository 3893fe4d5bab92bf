package io.github.vsched.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerChoiceTest {

    @Test
    void anIdWithBracketedParametersKeepsItsTextAsLabel() {
        SchedulerChoice c = SchedulerChoice.parse("credit[ratelimitUs=1000, tsliceMs=10]", "--schedulers");
        assertThat(c.id()).isEqualTo("credit");
        assertThat(c.label()).isEqualTo("credit[ratelimitUs=1000, tsliceMs=10]");
        assertThat(c.params()).containsExactly(java.util.Map.entry("ratelimitUs", "1000"),
                java.util.Map.entry("tsliceMs", "10"));
    }

    @Test
    void listsSplitOnCommasOutsideBrackets() {
        List<SchedulerChoice> l = SchedulerChoice.parseList("credit,credit[xenVersion=4.2,ratelimitUs=500],srt-credit",
                "--schedulers");
        assertThat(l).extracting(SchedulerChoice::label)
                .containsExactly("credit", "credit[xenVersion=4.2,ratelimitUs=500]", "srt-credit");
    }

    @Test
    void malformedChoicesAndDuplicatesAreRejected() {
        assertThatThrownBy(() -> SchedulerChoice.parse("credit[tslice]", "--schedulers"))
                .hasMessageContaining("'tslice' is not KEY=VALUE");
        assertThatThrownBy(() -> SchedulerChoice.parse("credit[x=1", "--schedulers"))
                .hasMessageContaining("expected ID[KEY=VALUE,...]");
        assertThatThrownBy(() -> SchedulerChoice.parseList("credit,credit", "--schedulers"))
                .hasMessageContaining("'credit' is listed twice");
    }
}
