package dev.agentd.shape;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape of docs/ARCHITECTURE.md, checked on the compiled classes: arrows run one way. */
class LayersTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.agentd");
    }

    @Test
    void noTwoPackagesImportEachOther() {
        assertTrue(classes.size() > 150, "the classes were read: " + classes.size());
        slices().matching("dev.agentd.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheStoreKnowsTheDatabase() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.agentd.store..")
                .and()
                .resideOutsideOfPackage("dev.agentd")
                .and()
                .resideOutsideOfPackage("dev.agentd.cli")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.agentd.store.sqlite..", "org.jdbi..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void lowerLayersNeverReachUp() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.agentd.runner..",
                        "dev.agentd.events..",
                        "dev.agentd.store..",
                        "dev.agentd.tools..",
                        "dev.agentd.model..",
                        "dev.agentd.workspace..",
                        "dev.agentd.sandbox..",
                        "dev.agentd.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.agentd.api..", "dev.agentd.tasks..", "dev.agentd.cli..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("dev.agentd.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.agentd.store..", "dev.agentd.events..", "dev.agentd.runner..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage("dev.agentd.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.agentd.store..",
                        "dev.agentd.runner..",
                        "dev.agentd.model..",
                        "dev.agentd.tools..",
                        "dev.agentd.sandbox..")
                .check(classes);
    }
}
