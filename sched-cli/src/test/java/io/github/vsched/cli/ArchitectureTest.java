package io.github.vsched.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Which package may import which, over the main classes of every module on this module's
 * class path (the CLI sees them all): the rules of the module map in the top README.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.vsched");
    }

    @Test
    void theSpiDependsOnTheJdkAlone() {
        noClasses().that().resideInAPackage("io.github.vsched.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..", "java..")
                .check(classes);
    }

    @Test
    void nothingOutsideSchedCoreImportsTheEngineInternals() {
        noClasses().that().resideOutsideOfPackage("io.github.vsched.core..")
                .should().dependOnClassesThat().resideInAPackage("io.github.vsched.core.internal..")
                .check(classes);
    }

    @Test
    void schedulerPluginsSeeOnlyTheSpi() {
        noClasses().that().resideInAPackage("io.github.vsched.credit..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.credit..", "java..")
                .check(classes);
        // srt-credit extends credit, as the paper's scheduler extends Xen's
        noClasses().that().resideInAPackage("io.github.vsched.srtcredit..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.credit..", "io.github.vsched.srtcredit..", "java..")
                .check(classes);
        noClasses().that().resideInAPackage("io.github.vsched.credit2..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.credit2..", "java..")
                .check(classes);
        noClasses().that().resideInAPackage("io.github.vsched.rtds..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.rtds..", "java..")
                .check(classes);
        noClasses().that().resideInAPackage("io.github.vsched.nullsched..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.nullsched..", "java..")
                .check(classes);
        noClasses().that().resideInAPackage("io.github.vsched.arinc653..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.arinc653..", "java..")
                .check(classes);
    }

    @Test
    void platformAndWorkloadPluginsSeeOnlyTheSpi() {
        noClasses().that().resideInAPackage("io.github.vsched.platform..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.platform..", "java..")
                .check(classes);
        // the workloads record their quality metrics (frame lateness, cycle times) in HdrHistograms;
        // the rt-app workload reads its JSON files with Jackson
        noClasses().that().resideInAPackage("io.github.vsched.workload..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.github.vsched.api..",
                        "io.github.vsched.workload..", "org.HdrHistogram..", "com.fasterxml.jackson..", "java..")
                .check(classes);
    }

    @Test
    void schedCorePackagesImportEachOtherWithoutCycles() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.vsched.core");
        // each package its own slice: core, core.observe, core.internal, core.internal.state, ...
        slices().matching("io.github.vsched.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void theEngineLayersImportEachOtherWithoutCycles() {
        slices().matching("io.github.vsched.core.internal.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheCompositionRootsKnowGuice() {
        noClasses().that().resideOutsideOfPackages("io.github.vsched.core", "io.github.vsched.cli..")
                .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
                .check(classes);
    }
}
