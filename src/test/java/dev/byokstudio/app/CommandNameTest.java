package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Program Files\\byok-studio\\byok-studio-cli.exe | byok-studio-cli",
        "C:\\Program Files\\byok-studio\\byok-studio.exe     | byok-studio",
        "C:\\Program Files\\byok-studio\\BYOK-STUDIO-CLI.EXE | BYOK-STUDIO-CLI",
        "/opt/byok-studio/bin/byok-studio                    | byok-studio",
        "/Applications/byok-studio.app/Contents/MacOS/byok-studio | byok-studio",
    })
    void theLaunchersFileName_withoutExe_isTheCommand(String appPath, String command) {
        assertThat(CommandName.of(appPath)).isEqualTo(command);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(value = {"''", "'   '", "/opt/byok-studio/bin/", "C:\\byok\\", "'.exe'"})
    void anEmptyLauncherName_fallsBackToByokStudio(String appPath) {
        assertThat(CommandName.of(appPath)).isEqualTo("byok-studio");
    }

    @Test
    void noLauncherPath_asFromJavaJar_isByokStudio() {
        assertThat(CommandName.of(null)).isEqualTo("byok-studio");
    }

    /** What one run printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, command, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void help_namesTheWindowsConsoleLauncherInEveryUsageLine_notTheGuiOne() {
        Run help = run("byok-studio-cli", "--help");

        assertThat(help.status()).isZero();
        assertThat(help.out().lines().limit(3)).containsExactly(
                "Usage: byok-studio-cli [--workspace DIR] [--region REGION]",
                "       byok-studio-cli --serve [--port PORT] [--workspace DIR] [--region REGION]",
                "       byok-studio-cli check-material FILE --key-spec SPEC [--region REGION] [--json]   "
                        + "(see check-material --help)");
    }

    @Test
    void aUsageError_pointsToTheHelpOfTheCommandThatWasTyped() {
        Run wrong = run("byok-studio-cli", "--port");

        assertThat(wrong.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(wrong.err()).startsWith("byok-studio-cli: ").contains("Run byok-studio-cli --help for the options.");
    }

    @Test
    void checkMaterialHelp_namesTheCommand_andKeepsItsSecondLineUnderFile() {
        Run help = run("byok-studio-cli", "check-material", "--help");

        assertThat(help.status()).isZero();
        String[] lines = help.out().lines().limit(2).toArray(String[]::new);
        assertThat(lines[0]).startsWith("Usage: byok-studio-cli check-material FILE --key-spec SPEC");
        assertThat(lines[1].indexOf('[')).isEqualTo(lines[0].indexOf("FILE"));
    }

    @Test
    void aCheckMaterialUsageError_pointsToTheHelpOfTheCommandThatWasTyped() {
        Run wrong = run("byok-studio-cli", "check-material");

        assertThat(wrong.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(wrong.err()).startsWith("byok-studio-cli check-material: ")
                .contains("Run byok-studio-cli check-material --help for the options.");
    }
}
