package dev.byokstudio.kms;

import java.util.List;
import java.util.Objects;

/**
 * What BYOK Studio tells a person about a failure, beside AWS's terse error: what happened, the likely
 * causes, and what to do next. Never contains key material, plaintext or tokens.
 */
public record Explanation(String whatHappened, List<String> likelyCauses, String whatToDo) {

    public Explanation {
        Objects.requireNonNull(whatHappened, "whatHappened");
        likelyCauses = List.copyOf(likelyCauses);
        Objects.requireNonNull(whatToDo, "whatToDo");
    }

    public static Explanation of(String whatHappened, String whatToDo, String... likelyCauses) {
        return new Explanation(whatHappened, List.of(likelyCauses), whatToDo);
    }
}
