package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void noArguments_opensTheDesktopOnTheDefaultWorkspaceWithoutARegionOfItsOwn() throws Exception {
        CommandLine cmd = CommandLine.parse(List.of());

        assertThat(cmd.serve()).isFalse();
        assertThat(cmd.workspace()).isEmpty();
        assertThat(cmd.region()).isEmpty();
        assertThat(cmd.protectWithPassphrase()).isFalse();
    }

    @Test
    void serve_defaultsToPort4599() throws Exception {
        assertThat(CommandLine.parse(List.of("--serve")).port()).isEqualTo(4599);
    }

    @Test
    void serve_takesPortWorkspaceAndRegionInAnyOrder() throws Exception {
        CommandLine cmd = CommandLine.parse(List.of("--region", "cn-north-1", "--serve", "--workspace", "/tmp/ws",
                "--port", "0"));

        assertThat(cmd.serve()).isTrue();
        assertThat(cmd.port()).isZero();
        assertThat(cmd.workspace()).contains(Path.of("/tmp/ws"));
        assertThat(cmd.region()).contains("cn-north-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus|Unknown option '--bogus'. Expected one of --serve, --port, --workspace, --region, --protect-with-passphrase, --scenario, --backup, --restore, --version, --help.",
        "--serve --port|--port needs a value.",
        "--serve --port --region|--port needs a value.",
        "--serve --port 65536|--port expects a number from 0 to 65535; found '65536'.",
        "--serve --port -1|--port expects a number from 0 to 65535; found '-1'.",
        "--serve --port http|--port expects a number from 0 to 65535; found 'http'.",
        "--port 4600|--port is only meaningful with --serve.",
        "--workspace|--workspace needs a value."})
    void badCommandLine_saysWhatWasExpectedAndWhatWasFound(String args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(List.of(args.split(" "))))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessage(message);
    }
}
