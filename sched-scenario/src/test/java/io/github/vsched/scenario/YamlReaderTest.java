package io.github.vsched.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlReaderTest {

    @Test
    void everyKeyAndValueKeepsItsLineAndColumn() {
        YamlNode root = YamlReader.read("s.yaml", """
                name: demo
                domains:
                  - name: dom0
                    vcpus: 4
                """);
        YamlNode.Mapping top = (YamlNode.Mapping) root;
        YamlNode.Entry name = top.entries().get("name");
        assertThat(name.keyOrigin()).isEqualTo(Origin.file("s.yaml", 1, 1));
        assertThat(name.value().origin()).isEqualTo(Origin.file("s.yaml", 1, 7));
        YamlNode.Sequence domains = (YamlNode.Sequence) top.entries().get("domains").value();
        YamlNode.Mapping dom0 = (YamlNode.Mapping) domains.items().get(0);
        YamlNode.Entry vcpus = dom0.entries().get("vcpus");
        assertThat(vcpus.keyOrigin()).isEqualTo(Origin.file("s.yaml", 4, 5));
        assertThat(((YamlNode.Scalar) vcpus.value()).text()).isEqualTo("4");
        assertThat(vcpus.value().origin().toString()).isEqualTo("s.yaml:4:12");
    }

    @Test
    void scalarsKeepTheirTextAndYamlBooleansAreRecognised() {
        YamlNode.Mapping m = (YamlNode.Mapping) YamlReader.read("s.yaml", "a: 2.30\nb: yes\nc: ~\nd: 60us\n");
        assertThat(((YamlNode.Scalar) m.entries().get("a").value()).text()).isEqualTo("2.30");
        assertThat(((YamlNode.Scalar) m.entries().get("b").value()).bool()).isTrue();
        assertThat(((YamlNode.Scalar) m.entries().get("c").value()).isNull()).isTrue();
        assertThat(((YamlNode.Scalar) m.entries().get("d").value()).bool()).isNull();
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        assertThatThrownBy(() -> YamlReader.read("bad.yaml", "name: x\ndomains: [ {name: a\nplatform: p\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("bad.yaml:3:9: malformed YAML")
                .hasMessageContaining("flow mapping (line 2, column 12)");
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingBothPlaces() {
        assertThatThrownBy(() -> YamlReader.read("d.yaml", "seed: 1\nname: a\nseed: 2\n"))
                .hasMessage("d.yaml:3:1: seed: duplicate key; it is already set at line 1, column 1");
    }

    @Test
    void aliasesAreRejectedRatherThanReadAsText() {
        assertThatThrownBy(() -> YamlReader.read("a.yaml", "x: &p {a: 1}\ny: *p\n"))
                .hasMessageContaining("a.yaml:2:4").hasMessageContaining("aliases");
    }

    @Test
    void emptyAndMultiDocumentFilesAreErrors() {
        assertThatThrownBy(() -> YamlReader.read("e.yaml", "# only a comment\n"))
                .hasMessageStartingWith("e.yaml:1:1: the scenario is empty");
        assertThatThrownBy(() -> YamlReader.read("m.yaml", "a: 1\n---\nb: 2\n"))
                .hasMessageContaining("m.yaml:3:1").hasMessageContaining("second YAML document");
    }
}
