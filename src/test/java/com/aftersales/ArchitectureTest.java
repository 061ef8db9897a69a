package com.aftersales;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
    void areasAreFreeOfCycles() {
        slices().matching("com.aftersales.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** The area of a class: its package under com.aftersales ("shared" for every shared.* package). */
    static String area(JavaClass c) {
        String rest = c.getPackageName().replaceFirst("^com\\.aftersales\\.?", "");
        return rest.isEmpty() ? "" : rest.split("\\.")[0];
    }

    /** Classes of other areas that depend on this one (each named once). */
    static java.util.Set<JavaClass> foreignUsers(JavaClass target) {
        java.util.Set<JavaClass> users = new java.util.TreeSet<>(java.util.Comparator.comparing(JavaClass::getName));
        for (Dependency d : target.getDirectDependenciesToSelf()) {
            JavaClass user = d.getOriginClass();
            while (user.getEnclosingClass().isPresent()) {
                user = user.getEnclosingClass().get();
            }
            if (!area(user).equals(area(target))) {
                users.add(user);
            }
        }
        return users;
    }

    @Test
    void entitiesAreUsedOnlyInTheirOwnArea() {
        classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should(new ArchCondition<JavaClass>("be used only inside their own area") {
                    @Override
                    public void check(JavaClass entity, ConditionEvents events) {
                        foreignUsers(entity).forEach(user -> events.add(SimpleConditionEvent.violated(entity, user.getName()
                                + " (area " + area(user) + ") uses entity " + entity.getName() + " of area " + area(entity))));
                    }
                }).check(CLASSES);
    }

    @Test
    void repositoriesAreUsedOnlyInTheirOwnArea() {
        classes().that().areAssignableTo(io.quarkus.hibernate.orm.panache.PanacheRepositoryBase.class)
                .should(new ArchCondition<JavaClass>("be used only inside their own area (other areas call a facade)") {
                    @Override
                    public void check(JavaClass repository, ConditionEvents events) {
                        foreignUsers(repository).forEach(user -> events.add(SimpleConditionEvent.violated(repository,
                                user.getName() + " (area " + area(user) + ") uses repository " + repository.getName()
                                        + " of area " + area(repository))));
                    }
                }).check(CLASSES);
    }
}
