package dev.agentd.model.script;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.domain.FailureCode;
import java.time.Duration;

/** One step of a script rule, run in order through the same loop and events as a real model. */
sealed interface Step {
    /** A {@code thought} event. */
    record Think(String subject, String description) implements Step {}

    /** {@code content} pieces, word by word, one every {@code pace} (null: the built-in model's pace). */
    record Say(String text, Duration pace) implements Step {}

    /** A real tool call; the turn ends with it and the steps after it run once its result is back. */
    record Tool(String name, ObjectNode args) implements Step {}

    /** {@code times} {@code status retrying} events, as when a provider fails and is tried again. */
    record Retry(int times) implements Step {}

    /** The run ends failed with this code and message. */
    record Fail(FailureCode code, String message) implements Step {}

    /** A pause. */
    record Wait(Duration duration) implements Step {}
}
