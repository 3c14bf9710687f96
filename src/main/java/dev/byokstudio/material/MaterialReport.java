package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.util.List;
import java.util.Optional;

/**
 * The validation report for one file, one key spec and one Region: what the file is, each of AWS's
 * requirements as its own line (the very lines the embedded KMS's import decides by), the wrapping check,
 * and the conversions that would fix what can be fixed without loss.
 *
 * @param detected what the file holds
 * @param lines every material rule, passed, failed or not applicable, in order
 * @param wrapping whether the chosen wrapping algorithm and wrapping key spec can carry this material; not
 *        applicable when none was chosen
 * @param wrappingChoices the wrapping algorithms and wrapping key specs that can carry material of this key
 *        spec in this Region, the recommended one first
 * @param conversions the conversions that apply to this file, in the order to try them
 * @param materialAccepted whether ImportKeyMaterial accepts this material (the same rules decide both)
 */
public record MaterialReport(DetectedMaterial detected, KeySpec keySpec, boolean chinaRegion, List<RuleResult> lines,
        RuleResult wrapping, List<WrappingCompatibility.Combination> wrappingChoices, List<Conversion> conversions,
        boolean materialAccepted) {

    public MaterialReport {
        lines = List.copyOf(lines);
        wrappingChoices = List.copyOf(wrappingChoices);
        conversions = List.copyOf(conversions);
    }

    /** Whether the material will import: it passes every rule and the chosen wrapping (if any) can carry it. */
    public boolean willImport() {
        return materialAccepted && !wrapping.failed();
    }

    /** The failed lines, material and wrapping. */
    public List<RuleResult> failures() {
        return java.util.stream.Stream.concat(lines.stream(), java.util.stream.Stream.of(wrapping))
                .filter(RuleResult::failed).toList();
    }

    /** The first conversion to offer, if any. */
    public Optional<Conversion> suggestedConversion() {
        return conversions.stream().findFirst();
    }
}
