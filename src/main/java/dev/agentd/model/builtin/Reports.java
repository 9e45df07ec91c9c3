package dev.agentd.model.builtin;

import dev.agentd.model.ToolCall;

/** What the built-in model says around a tool call: before it, and about its result. */
final class Reports {
    private Reports() {}

    /** Said before the call; ends with a blank line so that the report after it starts a paragraph. */
    static String announce(ToolCall call) {
        return switch (call.name()) {
                    case "run_command" ->
                        "Running `" + call.args().path("command").asText() + "`.";
                    case "list_files" -> "Listing the files in the workspace.";
                    case "write_file" -> "Writing " + call.args().path("path").asText() + ".";
                    case "read_file" -> "Reading " + call.args().path("path").asText() + ".";
                    default -> "Using " + call.name() + ".";
                }
                + "\n\n";
    }

    static String describe(ToolCall call, String output) {
        String name = call == null ? "the tool" : call.name();
        if (output.startsWith("The user declined")) {
            return "You declined the " + name + " call, so I did not run it.";
        }
        if (output.startsWith("Error:") || output.startsWith("Cancelled:")) {
            return "The " + name + " call did not succeed. " + output;
        }
        if (call == null) return "The tool returned:\n" + output;
        return switch (call.name()) {
            case "run_command" -> "The command `" + call.args().path("command").asText() + "` finished. " + output;
            case "list_files" -> "Files in the workspace:\n" + output;
            case "write_file" -> output;
            case "read_file" -> FileSummary.of(call.args().path("path").asText(), output);
            case "delegate" -> "The " + call.args().path("agentName").asText() + " subagent reports: " + output;
            default -> "The tool returned:\n" + output;
        };
    }
}
