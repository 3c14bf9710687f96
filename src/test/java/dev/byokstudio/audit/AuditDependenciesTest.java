package dev.byokstudio.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The audit records are built from the KMS contract alone, so any KMS (embedded or real) can be audited. */
class AuditDependenciesTest {

    @Test
    void theAuditPackageUsesOnlyTheKmsContractTheJdkAndJackson() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.byokstudio.audit");
        noClasses().that().resideInAPackage("dev.byokstudio.audit..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.byokstudio.kms..",
                        "dev.byokstudio.audit..", "com.fasterxml.jackson..")
                .check(classes);
    }
}
