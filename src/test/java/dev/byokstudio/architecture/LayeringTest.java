package dev.byokstudio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md, kept by the build. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.byokstudio");
    }

    @Test
    void nothingOutsideUiAndAppUsesJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("dev.byokstudio.ui..", "dev.byokstudio.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the model and the protocol must run without a display, and the UI must stay replaceable");
        rule.check(classes);
    }

    @Test
    void theKmsContractDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.byokstudio.kms..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.byokstudio.material..", "dev.byokstudio.embedded..", "dev.byokstudio.policy..",
                        "dev.byokstudio.audit..", "dev.byokstudio.store..", "dev.byokstudio.api..",
                        "dev.byokstudio.remote..", "dev.byokstudio.ui..", "dev.byokstudio.app..")
                .check(classes);
    }

    @Test
    void theKmsContractUsesOnlyTheJdk() {
        noClasses().that().resideInAPackage("dev.byokstudio.kms..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.byokstudio.kms..")
                .check(classes);
    }

    @Test
    void theUiSeesOnlyTheContractAndMaterial() {
        noClasses().that().resideInAPackage("dev.byokstudio.ui..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.byokstudio.embedded..", "dev.byokstudio.store..", "dev.byokstudio.api..",
                        "dev.byokstudio.policy..", "dev.byokstudio.audit..", "dev.byokstudio.remote..",
                        "dev.byokstudio.app..")
                .because("the UI runs the same on the embedded model and on real AWS")
                .check(classes);
    }

    @Test
    void theEndpointSeesOnlyTheContract() {
        noClasses().that().resideInAPackage("dev.byokstudio.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.byokstudio.material..", "dev.byokstudio.embedded..", "dev.byokstudio.policy..",
                        "dev.byokstudio.audit..", "dev.byokstudio.store..", "dev.byokstudio.remote..",
                        "dev.byokstudio.ui..", "dev.byokstudio.app..")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.byokstudio.material..", "dev.byokstudio.policy..",
                        "dev.byokstudio.audit..", "dev.byokstudio.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.byokstudio.embedded..", "dev.byokstudio.api..", "dev.byokstudio.remote..",
                        "dev.byokstudio.ui..", "dev.byokstudio.app..")
                .check(classes);
    }

    @Test
    void productionCodeDoesNotPrintToTheConsole() {
        noClasses().that().resideOutsideOfPackage("dev.byokstudio.app..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("only the launcher talks to the terminal; everything else logs or reports to the UI")
                .check(classes);
    }
}
