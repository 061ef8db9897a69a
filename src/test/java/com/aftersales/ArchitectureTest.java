package com.aftersales;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the package-by-area structure honest. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.aftersales");

    @Test
    void sharedKnowsNoBusinessArea() {
        noClasses().that().resideInAPackage("com.aftersales.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("com.aftersales.customer..", "com.aftersales.unit..",
                        "com.aftersales.warranty..", "com.aftersales.cases..", "com.aftersales.eightd..",
                        "com.aftersales.problems..", "com.aftersales.returns..", "com.aftersales.spareparts..",
                        "com.aftersales.recall..", "com.aftersales.jobs..", "com.aftersales.notify..", "com.aftersales.followup..", "com.aftersales.kpi..",
                        "com.aftersales.retention..")
                .check(CLASSES);
    }

    @Test
    void reportingAndRetentionSitOnTopAndNothingDependsOnThem() {
        noClasses().that().resideOutsideOfPackages("com.aftersales.kpi..", "com.aftersales.retention..")
                .should().dependOnClassesThat().resideInAnyPackage("com.aftersales.kpi..", "com.aftersales.retention..")
                .check(CLASSES);
    }

    @Test
    void areasDependOnlyDownwards() {
        // customer <- unit <- warranty <- cases <- eightd <- problems
        noClasses().that().resideInAPackage("com.aftersales.cases..")
                .should().dependOnClassesThat().resideInAnyPackage("com.aftersales.eightd..", "com.aftersales.problems..",
                        "com.aftersales.returns..", "com.aftersales.spareparts..", "com.aftersales.recall..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("com.aftersales.spareparts..")
                .should().dependOnClassesThat().resideInAPackage("com.aftersales.returns..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("com.aftersales.eightd..")
                .should().dependOnClassesThat().resideInAPackage("com.aftersales.problems..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("com.aftersales.customer..")
                .should().dependOnClassesThat().resideInAnyPackage("com.aftersales.unit..", "com.aftersales.warranty..",
                        "com.aftersales.cases..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("com.aftersales.unit..")
                .should().dependOnClassesThat().resideInAnyPackage("com.aftersales.warranty..", "com.aftersales.cases..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("com.aftersales.warranty..")
                .should().dependOnClassesThat().resideInAPackage("com.aftersales.cases..")
                .check(CLASSES);
    }

    @Test
    void resourcesAreThinAndLeaveTransactionsToServices() {
        classes().that().areAnnotatedWith(Path.class).should().notBeAnnotatedWith(Transactional.class).check(CLASSES);
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
                .should().notBeAnnotatedWith(Transactional.class).check(CLASSES);
    }

    @Test
    void idempotentEndpointsAnswerWithAResponseTheInterceptorCanStoreAndReplay() {
        methods().that().areAnnotatedWith(com.aftersales.shared.idempotency.Idempotent.class)
                .should().haveRawReturnType(jakarta.ws.rs.core.Response.class).check(CLASSES);
    }

    @Test
    void entitiesStayInsideTheirArea() {
        noClasses().that().resideOutsideOfPackage("com.aftersales.warranty..")
                .should().dependOnClassesThat().haveSimpleName("WarrantyTerm")
                .check(CLASSES);
    }
}
