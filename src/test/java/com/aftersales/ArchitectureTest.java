package com.aftersales;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the package-by-area structure honest. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.aftersales");

    /**
     * Every area under com.aftersales, bottom to top: an area may use only the areas below it. A package missing here
     * fails {@link #areasDependOnlyOnAreasBelowThem}, so a new area takes its place in this list on purpose. shared and
     * jobs know no business area; the root package (the application's configuration) may be used by all.
     */
    static final List<String> AREAS = List.of("shared", "jobs", "notify", "customer", "unit", "warranty", "cases",
            "eightd", "problems", "returns", "ledger", "spareparts", "recall", "followup");

    /** Areas whose work reads across all areas (KPIs) or changes them all (retention): on top, used by nothing. */
    static final List<String> ON_TOP = List.of("kpi", "retention");

    @Test
    void areasDependOnlyOnAreasBelowThem() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .optionalLayer("root").definedBy("com.aftersales");
        for (String area : concat(AREAS, ON_TOP)) {
            layers = layers.layer(area).definedBy("com.aftersales." + area + "..");
        }
        for (int i = 0; i < AREAS.size(); i++) {
            layers = layers.whereLayer(AREAS.get(i)).mayOnlyAccessLayers(concat(List.of("root"), AREAS.subList(0, i))
                    .toArray(String[]::new));
        }
        for (String top : ON_TOP) {
            layers = layers.whereLayer(top).mayOnlyAccessLayers(concat(List.of("root"), AREAS).toArray(String[]::new))
                    .whereLayer(top).mayNotBeAccessedByAnyLayer();
        }
        layers.check(CLASSES);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Other areas call the owner's service or facade; a public repository would let them query its entities. */
    @Test
    void repositoriesArePackagePrivate() {
        classes().that().areAssignableTo(io.quarkus.hibernate.orm.panache.PanacheRepositoryBase.class)
                .should().notBePublic().check(CLASSES);
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
