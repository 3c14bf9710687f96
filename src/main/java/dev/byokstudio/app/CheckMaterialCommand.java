package dev.byokstudio.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.Conversion;
import dev.byokstudio.material.DetectedMaterial;
import dev.byokstudio.material.MaterialReport;
import dev.byokstudio.material.MaterialWorkbench;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.WrappingCompatibility;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code byok-studio check-material FILE --key-spec SPEC [--region R] [--wrapping-algorithm A
 * --wrapping-key-spec W] [--json]}: the workbench's report for pipelines and scripts. Exit status 0 when
 * the material will import, 1 when it will not, 2 on a usage error. The JSON shape is documented in
 * docs/check-material.md and stays stable: members are only ever added.
 */
final class CheckMaterialCommand {

    static final String NAME = "check-material";
    /** The help text, for the command a person typed ({@link CommandName}). */
    static String usage(String command) {
        String usage = "Usage: " + command + " " + NAME + " ";
        return String.join(System.lineSeparator(),
            usage + "FILE --key-spec SPEC [--region REGION]",
            " ".repeat(usage.length()) + "[--wrapping-algorithm ALG --wrapping-key-spec SPEC] [--json]",
            "",
            "Tells what FILE holds and whether it will import as key material into a KMS key of key spec SPEC,",
            "rule by rule, with the fix for each rule it breaks. Exit status: 0 it will import, 1 it will not,",
            "2 usage error.",
            "",
            "  --key-spec SPEC            " + importableSpecs(),
            "  --region REGION            the Region of the KMS key (default " + CommandLine.DEFAULT_REGION
                    + "); cn-north-1 and cn-northwest-1 are the China Regions",
            "  --wrapping-algorithm ALG   also check that ALG can carry the material: " + names(WrappingAlgorithm.values()),
            "  --wrapping-key-spec SPEC   with --wrapping-algorithm: " + names(WrappingKeySpec.values()),
            "  --json                     print the report as JSON (see docs/check-material.md)");
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckMaterialCommand() {
    }

    static int run(List<String> args, String command, PrintStream out, PrintStream err) {
        String prefix = command + " " + NAME + ": ";
        Options options;
        try {
            options = Options.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println(prefix + e.getMessage());
            err.println("Run " + command + " " + NAME + " --help for the options.");
            return Main.EXIT_USAGE;
        }
        if (options == null) {
            out.println(usage(command));
            return Main.EXIT_OK;
        }
        byte[] bytes;
        try {
            bytes = MaterialWorkbench.readBounded(options.file);
            options.size = java.nio.file.Files.size(options.file);
        } catch (NoSuchFileException e) {
            err.println(prefix + "no file " + options.file);
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            err.println(prefix + "cannot read " + options.file + " (" + e.getClass().getSimpleName() + ")");
            return Main.EXIT_USAGE;
        }
        try {
            MaterialReport report = MaterialWorkbench.report(bytes, options.size, options.keySpec, options.region.startsWith("cn-"),
                    options.wrappingAlgorithm, options.wrappingKeySpec);
            if (options.json) {
                out.println(json(options, report));
            } else {
                text(options, report, out);
            }
            return report.willImport() ? Main.EXIT_OK : Main.EXIT_FAILURE;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    // ---------------------------------------------------------------- output

    private static void text(Options o, MaterialReport r, PrintStream out) {
        DetectedMaterial d = r.detected();
        out.println("File:      " + o.file + " (" + o.size + " bytes)");
        out.println("Detected:  " + d.description());
        d.notes().forEach(n -> out.println("           note: " + n));
        out.println("Key spec:  " + r.keySpec() + " in " + o.region);
        out.println();
        for (RuleResult line : r.lines()) {
            line(out, line);
        }
        line(out, r.wrapping());
        if (!r.conversions().isEmpty()) {
            out.println("Conversions BYOK Studio can make (in the application, or with the OpenSSL command each names):");
            r.conversions().forEach(c -> out.println("  - " + c.title() + ": " + c.description()));
            out.println();
        }
        List<RuleResult> failures = r.failures();
        if (r.willImport()) {
            out.println("Verdict:   will import.");
        } else {
            out.println("Verdict:   will NOT import: " + failures.size() + (failures.size() == 1 ? " rule" : " rules")
                    + " failed (" + failures.stream().map(RuleResult::rule).collect(Collectors.joining(", ")) + ").");
        }
    }

    private static void line(PrintStream out, RuleResult line) {
        if (line.status() == RuleResult.Status.NOT_APPLICABLE) {
            out.println("  n/a     " + line.title() + "  [" + line.rule() + "]: " + line.found());
            return;
        }
        String status = line.status() == RuleResult.Status.PASSED ? "PASSED" : "FAILED";
        out.println("  " + status + "  " + line.title() + "  [" + line.rule() + "]");
        out.println("          expected: " + line.expected());
        out.println("          found:    " + line.found());
        if (line.failed()) {
            out.println("          why:      " + line.why());
            out.println("          fix:      " + line.remedy());
            out.println();
        }
    }

    static String json(Options o, MaterialReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", o.file.toString());
        root.put("keySpec", r.keySpec().name());
        root.put("region", o.region);
        DetectedMaterial d = r.detected();
        ObjectNode detected = root.putObject("detected");
        detected.put("container", d.container().name());
        detected.put("structure", d.structure().name());
        detected.put("description", d.description());
        detected.put("pemLabel", d.pemLabel().orElse(null));
        detected.put("size", o.size);
        ArrayNode notes = detected.putArray("notes");
        d.notes().forEach(notes::add);
        root.put("willImport", r.willImport());
        root.put("materialAccepted", r.materialAccepted());
        ArrayNode rules = root.putArray("rules");
        r.lines().forEach(line -> rules.add(rule(line)));
        root.set("wrapping", rule(r.wrapping()));
        ArrayNode choices = root.putArray("wrappingChoices");
        for (WrappingCompatibility.Combination c : r.wrappingChoices()) {
            choices.addObject().put("wrappingAlgorithm", c.algorithm().name()).put("wrappingKeySpec", c.wrappingKeySpec().name());
        }
        ArrayNode conversions = root.putArray("conversions");
        for (Conversion c : r.conversions()) {
            conversions.addObject().put("conversion", c.name()).put("title", c.title()).put("description", c.description())
                    .put("needsPassword", c.needsPassword());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode rule(RuleResult line) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rule", line.rule());
        node.put("title", line.title());
        node.put("status", line.status().name());
        node.put("expected", line.expected());
        node.put("found", line.found());
        node.put("why", line.why());
        node.put("remedy", line.remedy());
        return node;
    }

    // ---------------------------------------------------------------- options

    private static String importableSpecs() {
        return "the KMS key's key spec: " + Arrays.stream(KeySpec.values()).filter(KeySpec::supportsExternalOrigin)
                .map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }

    static final class Options {
        Path file;
        KeySpec keySpec;
        String region = CommandLine.DEFAULT_REGION;
        WrappingAlgorithm wrappingAlgorithm;
        WrappingKeySpec wrappingKeySpec;
        boolean json;
        /** The file's real size; only the first MAXIMUM_BYTES + 1 bytes are ever read. */
        long size;

        /** The options, or null for --help. */
        static Options parse(List<String> args) throws CommandLine.UsageException {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--help":
                    case "-h":
                        return null;
                    case "--json":
                        o.json = true;
                        break;
                    case "--key-spec":
                        o.keySpec = enumValue(KeySpec.class, value(args, ++i, arg), arg);
                        break;
                    case "--region":
                        o.region = value(args, ++i, arg);
                        try {
                            AccountContext.inRegion(o.region);
                        } catch (IllegalArgumentException e) {
                            throw new CommandLine.UsageException(e.getMessage());
                        }
                        break;
                    case "--wrapping-algorithm":
                        o.wrappingAlgorithm = enumValue(WrappingAlgorithm.class, value(args, ++i, arg), arg);
                        break;
                    case "--wrapping-key-spec":
                        o.wrappingKeySpec = enumValue(WrappingKeySpec.class, value(args, ++i, arg), arg);
                        break;
                    default:
                        if (arg.startsWith("--")) {
                            throw new CommandLine.UsageException("Unknown option '" + arg + "'. Expected --key-spec, --region,"
                                    + " --wrapping-algorithm, --wrapping-key-spec, --json or --help.");
                        }
                        if (o.file != null) {
                            throw new CommandLine.UsageException("One FILE only; found '" + o.file + "' and '" + arg + "'.");
                        }
                        try {
                            o.file = Path.of(arg);
                        } catch (java.nio.file.InvalidPathException e) {
                            throw new CommandLine.UsageException("'" + arg.replace("\0", "\\0")
                                    + "' is not a file name this system accepts (" + e.getReason() + ").");
                        }
                }
            }
            if (o.file == null) {
                throw new CommandLine.UsageException("FILE is missing: the key material file to check.");
            }
            if (o.keySpec == null) {
                throw new CommandLine.UsageException("--key-spec is missing: the key spec of the KMS key to import into ("
                        + importableSpecs().substring("the KMS key's key spec: ".length()) + ").");
            }
            if ((o.wrappingAlgorithm == null) != (o.wrappingKeySpec == null)) {
                throw new CommandLine.UsageException("--wrapping-algorithm and --wrapping-key-spec go together: give both"
                        + " or neither.");
            }
            return o;
        }

        private static String value(List<String> args, int i, String option) throws CommandLine.UsageException {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new CommandLine.UsageException(option + " needs a value.");
            }
            return args.get(i);
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String option)
                throws CommandLine.UsageException {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.UsageException(option + " expects one of " + names(type.getEnumConstants())
                        + "; found '" + value + "'.");
            }
        }
    }
}
