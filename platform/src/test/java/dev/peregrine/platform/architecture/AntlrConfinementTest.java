package dev.peregrine.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ANTLR stays behind the condition parser: the AST, evaluator and everything else never see it. */
@AnalyzeClasses(packages = "dev.peregrine", importOptions = ImportOption.DoNotIncludeTests.class)
class AntlrConfinementTest {

    @ArchTest
    static final ArchRule onlyTheParserAndGrammarUseAntlr = noClasses()
            .that().resideOutsideOfPackages("..condition.parse..", "..condition.grammar..")
            .should().dependOnClassesThat().resideInAPackage("org.antlr..")
            .because("ANTLR types must not leak out of the condition parser");
}
